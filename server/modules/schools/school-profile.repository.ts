// Queries of the school profile and the registry: the team's current results, the leader's, coverage of running campaigns.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

export interface TeacherRow { id: string; full_name: string; position: string | null; subjects: string[] }

/** The school's active teachers (the role, not the position: a principal who teaches counts). */
export async function schoolTeachers(db: Db, schoolId: string): Promise<TeacherRow[]> {
  return db.selectFrom("users as u")
    .select(["u.id", "u.full_name", "u.position", "u.subjects"])
    .where("u.school_id", "=", schoolId).where("u.is_active", "=", true)
    .where(({ exists, selectFrom }) => exists(selectFrom("user_roles as r").select("r.user_id").whereRef("r.user_id", "=", "u.id").where("r.role", "=", "teacher")))
    .orderBy("u.full_name").execute();
}

export interface TeamResultRow {
  user_id: string;
  /** The subject of the test the result comes from. */
  test_subject: string;
  competency_id: string;
  title: string;
  area: "subject" | "method" | "leadership";
  subject: string | null;
  level: "deficit" | "partial" | "proficient";
  percent: number;
  submitted_at: Date;
}

/**
 * The competency results of each teacher's latest submitted attempt per subject test, as a profile
 * reads them (profiles.repository.ts): where the team stands now.
 */
export async function teamResults(db: Db, schoolId: string): Promise<TeamResultRow[]> {
  const result = await sql<TeamResultRow>`
    with teacher as (
      select u.id from users u
      where u.school_id = ${schoolId} and u.is_active
        and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'teacher')
    ),
    latest as (
      select distinct on (a.user_id, a.instrument_id) a.id, a.user_id, i.subject, a.submitted_at
      from attempts a
      join teacher t on t.id = a.user_id
      join instruments i on i.id = a.instrument_id and i.kind = 'subject-test'
      where a.status = 'submitted'
      order by a.user_id, a.instrument_id, a.submitted_at desc
    )
    select l.user_id, l.subject as test_subject, r.competency_id, c.title, c.area, c.subject, r.level, r.percent, l.submitted_at
    from latest l
    join competency_results r on r.attempt_id = l.id
    join competencies c on c.id = r.competency_id
    order by l.user_id, c.id`.execute(db);
  return result.rows.map((r) => ({ ...r, percent: Number(r.percent), submitted_at: new Date(r.submitted_at) }));
}

export interface LeaderRow {
  user_id: string;
  full_name: string;
  competency_id: string;
  title: string;
  level: "deficit" | "partial" | "proficient";
  percent: number;
  submitted_at: Date;
}

/** The latest submitted leader self-assessment of a principal of the school, per competency (as school-facts reads it). */
export async function leaderResults(db: Db, schoolId: string, instrumentIds: readonly string[]): Promise<LeaderRow[]> {
  if (instrumentIds.length === 0) return [];
  const result = await sql<LeaderRow>`
    with leader as (
      select a.id, a.user_id, u.full_name, a.submitted_at
      from attempts a
      join users u on u.id = a.user_id and u.school_id = a.school_id
      where a.school_id = ${schoolId} and a.instrument_id in (${sql.join(instrumentIds)}) and a.status = 'submitted'
        and exists (select 1 from user_roles r where r.user_id = a.user_id and r.role = 'principal')
      order by a.submitted_at desc
      limit 1
    )
    select l.user_id, l.full_name, r.competency_id, c.title, r.level, r.percent, l.submitted_at
    from leader l
    join competency_results r on r.attempt_id = l.id
    join competencies c on c.id = r.competency_id
    order by c.id`.execute(db);
  return result.rows.map((r) => ({ ...r, percent: Number(r.percent), submitted_at: new Date(r.submitted_at) }));
}

/** The principal of a school (the first active one by name), for the leader panel when they have not assessed themselves yet. */
export async function schoolPrincipal(db: Db, schoolId: string) {
  return db.selectFrom("users as u").select(["u.id", "u.full_name"])
    .where("u.school_id", "=", schoolId).where("u.is_active", "=", true)
    .where(({ exists, selectFrom }) => exists(selectFrom("user_roles as r").select("r.user_id").whereRef("r.user_id", "=", "u.id").where("r.role", "=", "principal")))
    .orderBy("u.full_name").limit(1).executeTakeFirst();
}

export interface CoverageRow { school_id: string; assigned: number; started: number; submitted: number }

/**
 * Per school of the region, over every running (active) campaign: people assigned a diagnostic, those
 * who started one, and those who submitted all of theirs (subject tests and the leader self-assessment,
 * as the campaign coverage counts them; the conditions card describes the school, not a person).
 */
export async function runningCoverage(db: Db, regionId: string): Promise<{ campaigns: Array<{ id: string; title: string }>; schools: Map<string, CoverageRow> }> {
  const campaigns = await db.selectFrom("campaigns").select(["id", "title"])
    .where("region_id", "=", regionId).where("status", "=", "active").orderBy("starts_on").orderBy("id").execute();
  const schools = new Map<string, CoverageRow>();
  if (campaigns.length === 0) return { campaigns, schools };
  const result = await sql<CoverageRow>`
    with person as (
      select a.user_id, a.school_id, count(*)::int as assigned_n, count(t.id)::int as started_n,
        (count(*) filter (where t.status = 'submitted'))::int as submitted_n
      from campaign_assignments a
      join instruments i on i.id = a.instrument_id and i.kind in ('subject-test', 'leader')
      left join attempts t on t.user_id = a.user_id and t.instrument_id = a.instrument_id and t.campaign_id = a.campaign_id
      where a.campaign_id in (${sql.join(campaigns.map((c) => c.id))}) and a.school_id is not null
      group by a.user_id, a.school_id
    )
    select school_id, count(*)::int as assigned, (count(*) filter (where started_n > 0))::int as started,
      (count(*) filter (where submitted_n = assigned_n))::int as submitted
    from person group by school_id`.execute(db);
  for (const r of result.rows) schools.set(r.school_id, { school_id: r.school_id, assigned: Number(r.assigned), started: Number(r.started), submitted: Number(r.submitted) });
  return { campaigns, schools };
}

/** The region's municipalities with their neighbours: where partner schools are looked for first. */
export async function regionNeighbours(db: Db, regionId: string): Promise<Map<string, Set<string>>> {
  const rows = await db.selectFrom("municipality_neighbours as n").innerJoin("municipalities as m", "m.id", "n.municipality_id")
    .select(["n.municipality_id", "n.neighbour_id"]).where("m.region_id", "=", regionId).execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) (out.get(r.municipality_id) ?? out.set(r.municipality_id, new Set()).get(r.municipality_id)!).add(r.neighbour_id);
  return out;
}

/**
 * What a cached region view is stamped with: the region's row (a region loaded again is another
 * region), its imports (a clean import always writes a batch: exam results, schools, people) and its
 * schools. Cheap: no scan of answers.
 */
export async function regionStamp(db: Db, regionId: string): Promise<string> {
  const result = await sql<{ stamp: string | null }>`
    select r.created_at::text
      || '|' || (select count(*) || ':' || coalesce(max(b.created_at)::text, '') from import_batches b where b.region_id = r.id)
      || '|' || (select count(*) from schools s join municipalities m on m.id = s.municipality_id where m.region_id = r.id) as stamp
    from regions r where r.id = ${regionId}`.execute(db);
  return result.rows[0]?.stamp ?? "";
}
