// Queries of profiles: a person's latest results per instrument and their current mentor.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AccessFacts } from "./profile-access.js";

export async function findAccessFacts(db: Kysely<Database>, targetId: string): Promise<AccessFacts | undefined> {
  const row = await db.selectFrom("users as u")
    .leftJoin("mentor_assignments as m", (join) => join.onRef("m.mentee_id", "=", "u.id").on("m.ended_at", "is", null))
    .select(["u.id", "u.school_id", "m.mentor_id"])
    .where("u.id", "=", targetId).executeTakeFirst();
  return row && { targetId: row.id, targetSchoolId: row.school_id, currentMentorId: row.mentor_id };
}

/**
 * Competency results of the person's latest submitted attempt on each instrument: a profile shows
 * where the person stands now, not the history (monitoring waves compare campaigns elsewhere).
 */
export async function findLatestResults(db: Kysely<Database>, userId: string) {
  const latest = db.selectFrom("attempts")
    .select(["id", "instrument_id", "submitted_at"])
    .distinctOn("instrument_id")
    .where("user_id", "=", userId).where("status", "=", "submitted")
    .orderBy("instrument_id").orderBy("submitted_at", "desc");
  return db.selectFrom(latest.as("a"))
    .innerJoin("competency_results as r", "r.attempt_id", "a.id")
    .innerJoin("competencies as c", "c.id", "r.competency_id")
    .select(["r.competency_id as id", "c.title", "c.area", "r.percent", "r.level", "r.items", "a.instrument_id", "a.submitted_at", "a.id as attempt_id"])
    // Subject topics first, then methodology, then leadership: the order the instruments ask them in.
    .orderBy("a.instrument_id").orderBy(sql`case c.area when 'subject' then 0 when 'method' then 1 else 2 end`).orderBy("c.id")
    .execute();
}

/** The current mentor and how to reach them: their e-mail, their school and its phone and e-mail. */
export async function findCurrentMentor(db: Kysely<Database>, menteeId: string) {
  return db.selectFrom("mentor_assignments as m").innerJoin("users as u", "u.id", "m.mentor_id").leftJoin("schools as s", "s.id", "u.school_id")
    .select([
      "u.id", "u.full_name", "u.school_id", "u.subjects", "u.position", "u.email",
      "s.short_name as school_name", "s.phone as school_phone", "s.email as school_email", "m.assigned_at", "m.subject",
    ])
    .where("m.mentee_id", "=", menteeId).where("m.ended_at", "is", null).executeTakeFirst();
}

/** What a profile says of the person besides results: their position, e-mail, school and municipality. */
export async function findContact(db: Kysely<Database>, userId: string) {
  return db.selectFrom("users as u").leftJoin("schools as s", "s.id", "u.school_id")
    .leftJoin("municipalities as m", (join) => join.on(sql<boolean>`m.id = coalesce(s.municipality_id, u.municipality_id)`))
    .select(["u.position", "u.email", "s.short_name as school_name", "m.name as municipality_name"])
    .where("u.id", "=", userId).executeTakeFirst();
}
