// Every query of mentoring: the people who may be paired, their latest results, current pairs, capacities.
import { sql, type Kysely } from "kysely";
import type { Database, Role } from "../../db/schema.js";

/** Where a person works: their school's municipality, or their own when they have no school. */
const PLACE = sql<string | null>`coalesce(s.municipality_id, u.municipality_id)`;

function selectPeople(db: Kysely<Database>) {
  return db.selectFrom("users as u")
    .leftJoin("schools as s", "s.id", "u.school_id")
    .leftJoin("municipalities as m", (join) => join.on(sql<boolean>`m.id = coalesce(s.municipality_id, u.municipality_id)`))
    .select([
      "u.id", "u.full_name", "u.subjects", "u.school_id", "s.short_name as school_name", "m.id as municipality_id", "m.name as municipality_name",
      "u.region_id", "u.is_active", "u.mentor_capacity",
      sql<boolean>`coalesce(s.low_results, false)`.as("low_results"),
      sql<boolean>`coalesce(s.unfavourable, false)`.as("unfavourable"),
      sql<boolean>`coalesce(s.high_results, false)`.as("high_results"),
      sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as("roles"),
      sql<number>`(select count(*)::int from mentor_assignments p where p.mentor_id = u.id and p.ended_at is null)`.as("load"),
    ]);
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof selectPeople>["executeTakeFirstOrThrow"]>>;

const hasRole = (role: Role) => sql<boolean>`exists (select 1 from user_roles r where r.user_id = u.id and r.role = ${role})`;

export async function findPerson(db: Kysely<Database>, id: string): Promise<PersonRow | undefined> {
  return selectPeople(db).where("u.id", "=", id).executeTakeFirst();
}

/**
 * Teachers who may get a mentor: active, of the region (and municipality), not mentors themselves,
 * without a current mentor. Whether they have deficits is decided by their results.
 */
export async function findMenteeCandidates(db: Kysely<Database>, regionId: string, municipalityId?: string): Promise<PersonRow[]> {
  let q = selectPeople(db).where("u.region_id", "=", regionId).where("u.is_active", "=", true)
    .where(hasRole("teacher")).where(sql<boolean>`not ${hasRole("mentor")}`)
    .where(sql<boolean>`not exists (select 1 from mentor_assignments p where p.mentee_id = u.id and p.ended_at is null)`);
  if (municipalityId) q = q.where(PLACE, "=", municipalityId);
  return q.orderBy("u.id").execute();
}

/** The region's mentors (role mentor) with their load; `activeOnly` for proposals. */
export async function findMentors(db: Kysely<Database>, regionId: string, opts: { subject?: string | undefined; activeOnly?: boolean } = {}): Promise<PersonRow[]> {
  let q = selectPeople(db).where("u.region_id", "=", regionId).where(hasRole("mentor"));
  if (opts.activeOnly) q = q.where("u.is_active", "=", true);
  if (opts.subject) q = q.where(sql<boolean>`${opts.subject} = any(u.subjects)`);
  return q.orderBy("u.id").execute();
}

export interface LevelRow { user_id: string; subject: string; competency_id: string; level: "deficit" | "partial" | "proficient" }

/**
 * Competency levels from each person's latest submitted attempt on every subject test, with the
 * test's subject (a method competency belongs to the subject whose test measured it). Teachers:
 * deficits only; mentors: every level, since mastery counts at the weakest measurement.
 */
export async function latestSubjectLevels(
  db: Kysely<Database>, regionId: string, who: "teachers" | "mentors", opts: { subject?: string | undefined; userIds?: string[] } = {},
): Promise<LevelRow[]> {
  if (opts.userIds && !opts.userIds.length) return [];
  let latest = db.selectFrom("attempts as a").innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.user_id", "a.instrument_id"]).distinctOn(["a.user_id", "a.instrument_id"])
    .where("u.region_id", "=", regionId).where("a.status", "=", "submitted")
    .where(who === "mentors" ? hasRole("mentor") : hasRole("teacher"))
    .orderBy("a.user_id").orderBy("a.instrument_id").orderBy("a.submitted_at", "desc");
  if (opts.subject && who === "teachers") latest = latest.where("a.instrument_id", "=", `subject-${opts.subject}`);
  if (opts.userIds) latest = latest.where("a.user_id", "in", opts.userIds);
  let q = db.selectFrom(latest.as("l"))
    .innerJoin("instruments as i", "i.id", "l.instrument_id")
    .innerJoin("competency_results as r", "r.attempt_id", "l.id")
    .select([sql<string>`l.user_id`.as("user_id"), sql<string>`i.subject`.as("subject"), "r.competency_id", "r.level"])
    .where("i.subject", "is not", null);
  if (who === "teachers") q = q.where("r.level", "=", "deficit");
  return q.execute();
}

export async function neighbourPairs(db: Kysely<Database>, regionId: string): Promise<Array<[string, string]>> {
  const rows = await db.selectFrom("municipality_neighbours as n").innerJoin("municipalities as m", "m.id", "n.municipality_id")
    .select(["n.municipality_id", "n.neighbour_id"]).where("m.region_id", "=", regionId).execute();
  return rows.map((r) => [r.municipality_id, r.neighbour_id]);
}

export async function competencyTitles(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom("competencies").select(["id", "title"]).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function municipalityOfRegion(db: Kysely<Database>, regionId: string, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom("municipalities").select(["id", "name"]).where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
}

function selectPairs(db: Kysely<Database>) {
  return db.selectFrom("mentor_assignments as p")
    .innerJoin("users as e", "e.id", "p.mentee_id")
    .innerJoin("users as r", "r.id", "p.mentor_id")
    .leftJoin("schools as es", "es.id", "e.school_id")
    .leftJoin("schools as rs", "rs.id", "r.school_id")
    .leftJoin("municipalities as em", (join) => join.on(sql<boolean>`em.id = coalesce(es.municipality_id, e.municipality_id)`))
    .leftJoin("municipalities as rm", (join) => join.on(sql<boolean>`rm.id = coalesce(rs.municipality_id, r.municipality_id)`))
    .leftJoin("users as b", "b.id", "p.assigned_by")
    .select([
      "p.id", "p.mentee_id", "p.mentor_id", "p.subject", "p.reason", "p.assigned_at",
      "e.full_name as mentee_name", "e.school_id as mentee_school_id", "es.short_name as mentee_school_name", "e.subjects as mentee_subjects",
      "em.id as mentee_municipality_id", "em.name as mentee_municipality_name",
      "r.full_name as mentor_name", "r.school_id as mentor_school_id", "rs.short_name as mentor_school_name",
      "rm.id as mentor_municipality_id", "rm.name as mentor_municipality_name", "b.full_name as assigned_by_name",
    ])
    .where("p.ended_at", "is", null);
}
export type PairRow = Awaited<ReturnType<ReturnType<typeof selectPairs>["executeTakeFirstOrThrow"]>>;

export interface PairFilter { municipalityId?: string | undefined; subject?: string | undefined; mentorId?: string; menteeId?: string }

/** Current pairs of the region's mentees; the municipality is the mentee's. */
export async function listPairs(db: Kysely<Database>, regionId: string | null, f: PairFilter): Promise<PairRow[]> {
  let q = selectPairs(db);
  if (regionId !== null) q = q.where("e.region_id", "=", regionId);
  if (f.municipalityId) q = q.where(sql`coalesce(es.municipality_id, e.municipality_id)`, "=", f.municipalityId);
  if (f.subject) q = q.where("p.subject", "=", f.subject);
  if (f.mentorId) q = q.where("p.mentor_id", "=", f.mentorId);
  if (f.menteeId) q = q.where("p.mentee_id", "=", f.menteeId);
  return q.orderBy("em.name").orderBy("e.full_name").orderBy("p.id").execute();
}

/** Deficits of each person's latest submitted attempts (all instruments), as their profile shows them. */
export async function latestDeficits(db: Kysely<Database>, userIds: string[]) {
  if (!userIds.length) return [];
  const latest = db.selectFrom("attempts").select(["id", "user_id", "instrument_id"]).distinctOn(["user_id", "instrument_id"])
    .where("user_id", "in", userIds).where("status", "=", "submitted")
    .orderBy("user_id").orderBy("instrument_id").orderBy("submitted_at", "desc");
  return db.selectFrom(latest.as("a")).innerJoin("competency_results as r", "r.attempt_id", "a.id").innerJoin("competencies as c", "c.id", "r.competency_id")
    .select(["a.user_id", "r.competency_id", "c.title", "r.percent"]).where("r.level", "=", "deficit")
    .orderBy("a.user_id").orderBy("r.percent").orderBy("r.competency_id").execute();
}

/** Takes the mentor's row lock: two confirmations for one mentor wait for each other, so places are counted right. */
export async function lockMentor(db: Kysely<Database>, mentorId: string): Promise<void> {
  await db.selectFrom("users").select("id").where("id", "=", mentorId).forUpdate().execute();
}

export async function currentLoad(db: Kysely<Database>, mentorId: string): Promise<number> {
  const row = await db.selectFrom("mentor_assignments").select(sql<number>`count(*)::int`.as("n"))
    .where("mentor_id", "=", mentorId).where("ended_at", "is", null).executeTakeFirstOrThrow();
  return row.n;
}

export async function insertPair(db: Kysely<Database>, v: { mentorId: string; menteeId: string; assignedBy: string | null; reason: string; subject: string | null }): Promise<string> {
  const row = await db.insertInto("mentor_assignments").values({
    mentor_id: v.mentorId, mentee_id: v.menteeId, assigned_by: v.assignedBy, assigned_at: new Date(), reason: v.reason, subject: v.subject,
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Ends the mentee's current pair; false when there was none. */
export async function endPair(db: Kysely<Database>, menteeId: string, endedBy: string | null): Promise<boolean> {
  const result = await db.updateTable("mentor_assignments").set({ ended_at: sql<Date>`now()`, ended_by: endedBy })
    .where("mentee_id", "=", menteeId).where("ended_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setCapacity(db: Kysely<Database>, mentorId: string, capacity: number | null): Promise<void> {
  await db.updateTable("users").set({ mentor_capacity: capacity, updated_at: sql<Date>`now()` }).where("id", "=", mentorId).execute();
}
