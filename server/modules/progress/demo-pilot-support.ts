// Demo: what the pilot cohort got between its waves: mentor pairs dated after the input results, and course groups that ran last autumn.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Rng } from "../demo/demo-region.js";
import type { Course } from "../instruments/instrument.types.js";

/** One pilot person: their municipality, whether they lead a school, and the competencies at a deficit in their input results. */
export interface PilotPerson { id: string; municipalityId: string; principal: boolean; deficits: ReadonlySet<string> }

/** Courses the pilot took between the waves: who was sent (a deficit the course addresses), and what share of them went. */
const PILOT_COURSES = [
  { courseId: "objective-assessment-analysis", principals: false, deficits: ["method.assessment", "method.error-diagnosis"], share: 0.55 },
  { courseId: "modern-lesson-design", principals: false, deficits: ["method.lesson-design"], share: 0.5 },
  { courseId: "at-risk-students", principals: false, deficits: ["method.differentiation"], share: 0.4 },
  { courseId: "data-driven-management", principals: true, deficits: ["lead.data-change", "lead.instructional"], share: 0.9 },
] as const;
const MAX_GROUP = 25;
const MAX_COURSES_EACH = 2;

const DAY = 86_400_000;
const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The pilot's mentor pairs were confirmed two weeks after its input results (as demo-pairs.ts says of
 * pairs in general), most of them; a few were made only this autumn. Rewrites the dates of the pilot
 * mentees' current pairs, in the caller's transaction. Returns who had a mentor for most of the time
 * between the waves.
 */
export async function datePilotPairs(db: Kysely<Database>, people: readonly PilotPerson[], inputEndsOn: string, rng: Rng): Promise<Set<string>> {
  const ids = people.map((p) => p.id);
  if (!ids.length) return new Set();
  const pairs = await db.selectFrom("mentor_assignments").select(["id", "mentee_id"])
    .where("ended_at", "is", null).where("mentee_id", "in", ids).orderBy("mentee_id").execute();
  const early = new Date(`${addDays(inputEndsOn, 14)}T10:00:00Z`);
  const late = new Date(Date.now() - 70 * DAY);
  const mentored = new Set<string>();
  for (const pair of pairs) {
    const onTime = rng.chance(0.85);
    await db.updateTable("mentor_assignments").set({ assigned_at: onTime ? early : late }).where("id", "=", pair.id).execute();
    if (onTime) mentored.add(pair.mentee_id);
  }
  return mentored;
}

/**
 * Confirmed course groups that ran between the waves (starting 25 days after the input wave closed,
 * five weeks long), per municipality, of at most 25: for a share of the pilot people with a deficit
 * each course addresses, two courses each at most. Nobody already in a group of the same course is
 * taken. Returns, per person, the competencies their courses address, and the groups made.
 */
export async function seedPilotCourseGroups(
  db: Kysely<Database>, regionId: string, people: readonly PilotPerson[], courses: readonly Course[], municipalityNames: ReadonlyMap<string, string>,
  inputEndsOn: string, createdBy: string | null, rng: Rng,
): Promise<{ coursed: Map<string, Set<string>>; groups: number; members: number }> {
  const startsOn = addDays(inputEndsOn, 25);
  const endsOn = addDays(startsOn, 35);
  const confirmedAt = new Date(`${addDays(startsOn, -7)}T09:00:00Z`);
  const coursed = new Map<string, Set<string>>();
  const taken = new Map<string, number>();
  let groups = 0;
  let members = 0;
  for (const plan of PILOT_COURSES) {
    const course = courses.find((c) => c.id === plan.courseId);
    if (!course) continue;
    const already = new Set((await db.selectFrom("course_group_members").select("user_id").where("course_id", "=", course.id).execute()).map((r) => r.user_id));
    const chosen = people.filter((p) => p.principal === plan.principals && plan.deficits.some((d) => p.deficits.has(d))
      && !already.has(p.id) && rng.chance(plan.share) && (taken.get(p.id) ?? 0) < MAX_COURSES_EACH);
    const byMunicipality = new Map<string, PilotPerson[]>();
    for (const p of chosen) (byMunicipality.get(p.municipalityId) ?? byMunicipality.set(p.municipalityId, []).get(p.municipalityId)!).push(p);
    // Principals are few: one group for the whole pilot; teachers study in their own municipality.
    const parts = plan.principals ? [chosen] : [...byMunicipality.keys()].sort().map((m) => byMunicipality.get(m)!);
    let number = 0;
    for (const part of parts) {
      const count = Math.ceil(part.length / MAX_GROUP);
      for (let g = 0; g < count; g++) {
        const group = part.filter((_, i) => i % count === g);
        if (!group.length) continue;
        const places = [...new Set(group.map((p) => municipalityNames.get(p.municipalityId) ?? p.municipalityId))].sort().join(", ");
        const row = await db.insertInto("course_groups").values({
          region_id: regionId, course_id: course.id, title: `Группа ${++number} · ${places}`, status: "confirmed",
          starts_on: startsOn, ends_on: endsOn, min_size: Math.min(group.length, 15), max_size: MAX_GROUP, created_by: createdBy,
          created_at: new Date(confirmedAt.getTime() - 3 * DAY), updated_at: confirmedAt, confirmed_at: confirmedAt,
        }).returning("id").executeTakeFirstOrThrow();
        await db.insertInto("course_group_members").values(group.map((p) => ({ group_id: row.id, user_id: p.id, course_id: course.id, added_at: confirmedAt }))).execute();
        groups += 1;
        members += group.length;
        for (const p of group) {
          taken.set(p.id, (taken.get(p.id) ?? 0) + 1);
          const set = coursed.get(p.id) ?? coursed.set(p.id, new Set()).get(p.id)!;
          for (const c of course.competencies) set.add(c);
        }
      }
    }
  }
  return { coursed, groups, members };
}
