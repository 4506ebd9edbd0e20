// A person's deficit profile: latest competency results, deficits, recommended courses, and mentor.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { notFound } from "../../shared/app-error.js";
import type { Principal } from "../auth/principal.js";
import type { Course } from "../instruments/instrument.types.js";
import { findPersonById } from "../people/people.repository.js";
import { canSeePersonResults } from "./profile-access.js";
import { findContact, findCurrentMentor, findLatestResults } from "./profiles.repository.js";
import { recommendCourses } from "./recommend.js";

const opt = <K extends string>(key: K, value: string | null | undefined) => (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

export class ProfilesService {
  constructor(private readonly db: Kysely<Database>, private readonly courses: () => readonly Course[]) {}

  async profileOf(viewer: Principal, userId: string) {
    // A profile the viewer may not see is answered exactly like one that does not exist.
    if (!(await canSeePersonResults(this.db, viewer, userId))) throw notFound("Профиль не найден", "profile_not_found");
    const person = await findPersonById(this.db, userId);
    if (!person) throw notFound("Профиль не найден", "profile_not_found");
    const [rows, mentor, contact] = await Promise.all([findLatestResults(this.db, userId), findCurrentMentor(this.db, userId), findContact(this.db, userId)]);
    const competencies = rows.map((r) => ({
      id: r.id, title: r.title, area: r.area, percent: r.percent, level: r.level, items: r.items,
      instrumentId: r.instrument_id, attemptId: r.attempt_id, measuredAt: (r.submitted_at as Date).toISOString(),
    }));
    const recommendations = recommendCourses({ roles: person.roles, subjects: person.subjects, competencies }, this.courses());
    return {
      userId: person.id,
      name: person.name,
      ...(person.schoolId ? { schoolId: person.schoolId } : {}),
      subjects: person.subjects,
      competencies,
      deficits: competencies.filter((c) => c.level === "deficit").map((c) => c.id),
      courses: recommendations.map((r) => ({
        id: r.course.id, title: r.course.title, hours: r.course.hours, format: r.course.format,
        description: r.course.description, reason: r.reason, competencies: r.addresses,
      })),
      ...(mentor ? {
        mentor: {
          id: mentor.id, name: mentor.full_name, schoolId: mentor.school_id ?? "",
          ...opt("schoolName", mentor.school_name), ...opt("position", mentor.position), subjects: mentor.subjects,
          ...opt("email", mentor.email), ...opt("schoolPhone", mentor.school_phone), ...opt("schoolEmail", mentor.school_email),
          ...opt("subject", mentor.subject), since: new Date(mentor.assigned_at).toISOString(),
        },
      } : {}),
      ...opt("position", contact?.position), ...opt("email", contact?.email),
      ...opt("schoolName", contact?.school_name), ...opt("municipalityName", contact?.municipality_name),
    };
  }
}
