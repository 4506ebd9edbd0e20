// Queries behind candidates: courses, people of a region with their deficits, municipalities and their borders.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export interface CourseRecord {
  id: string; title: string; hours: number; format: string;
  audience: string[]; subjects: string[]; competencies: string[]; description: string;
}

export async function findCourse(db: Kysely<Database>, id: string): Promise<CourseRecord | undefined> {
  return db.selectFrom("courses").select(["id", "title", "hours", "format", "audience", "subjects", "competencies", "description"])
    .where("id", "=", id).where("is_active", "=", true).executeTakeFirst();
}

export async function listCourses(db: Kysely<Database>): Promise<CourseRecord[]> {
  return db.selectFrom("courses").select(["id", "title", "hours", "format", "audience", "subjects", "competencies", "description"])
    .where("is_active", "=", true).orderBy("title").execute();
}

export async function listCompetencies(db: Kysely<Database>) {
  return db.selectFrom("competencies").select(["id", "title", "area"]).orderBy("id").execute();
}

export interface PersonRecord {
  id: string; full_name: string; position: string | null; email: string | null; subjects: string[]; roles: string[];
  school_id: string; school_name: string; municipality_id: string; municipality_name: string;
  low_results: boolean; unfavourable: boolean;
  /** Competencies whose weakest latest result is a deficit (limited to those asked for). */
  deficits: string[];
}

export interface PeopleFilter {
  municipalityIds?: readonly string[] | null | undefined;
  userIds?: readonly string[] | null | undefined;
  /** Deficits among these only; null: every competency. */
  competencyIds?: readonly string[] | null | undefined;
  /** Only people with at least one such deficit. */
  withDeficits: boolean;
}

/**
 * Teachers, principals and mentors of a region at a school, with their deficits: the results of
 * their latest submitted attempt on each instrument, and for a competency measured by several
 * instruments (methodology appears in every subject test) the weakest of them. People and results
 * are two queries joined here: a single query joining them fell into a nested loop over every pair
 * on a database without planner statistics (a freshly seeded one).
 */
export async function findPeople(db: Kysely<Database>, regionId: string, f: PeopleFilter): Promise<PersonRecord[]> {
  if (f.municipalityIds?.length === 0 || f.userIds?.length === 0 || f.competencyIds?.length === 0) return [];
  let query = db.selectFrom("users as u")
    .innerJoin("schools as s", "s.id", "u.school_id")
    .innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select([
      "u.id", "u.full_name", "u.position", "u.email", "u.subjects", "u.school_id", "s.name as school_name",
      "s.municipality_id", "m.name as municipality_name", "s.low_results", "s.unfavourable",
      sql<string[]>`array(select r.role from user_roles r where r.user_id = u.id order by r.role)`.as("roles"),
    ])
    .where("m.region_id", "=", regionId).where("u.is_active", "=", true)
    .where(sql<boolean>`exists (select 1 from user_roles r where r.user_id = u.id and r.role in ('teacher', 'principal', 'mentor'))`);
  if (f.municipalityIds) query = query.where("m.id", "in", [...f.municipalityIds]);
  if (f.userIds) query = query.where("u.id", "in", [...f.userIds]);
  const people = await query.orderBy("u.id").execute();
  const deficits = await deficitsOf(db, regionId, f);
  const out = people.map((p) => ({ ...p, school_id: p.school_id!, deficits: deficits.get(p.id) ?? [] }));
  return f.withDeficits ? out.filter((p) => p.deficits.length > 0) : out;
}

/** user id → competencies whose weakest latest result is a deficit (among the filter's competencies, or all). */
async function deficitsOf(db: Kysely<Database>, regionId: string, f: PeopleFilter): Promise<Map<string, string[]>> {
  const rows = await sql<{ user_id: string; competency_id: string; percent: number; level: string }>`
    select l.user_id, r.competency_id, r.percent, r.level
    from (
      select distinct on (a.user_id, a.instrument_id) a.id, a.user_id
      from attempts a
      join users u on u.id = a.user_id
      join schools s on s.id = u.school_id
      join municipalities m on m.id = s.municipality_id
      where m.region_id = ${regionId} and a.status = 'submitted'
        ${f.municipalityIds ? sql`and m.id in (${sql.join([...f.municipalityIds])})` : sql``}
        ${f.userIds ? sql`and u.id in (${sql.join([...f.userIds])})` : sql``}
      order by a.user_id, a.instrument_id, a.submitted_at desc
    ) l
    join competency_results r on r.attempt_id = l.id
    ${f.competencyIds ? sql`where r.competency_id in (${sql.join([...f.competencyIds])})` : sql``}`.execute(db);
  const weakest = new Map<string, Map<string, { percent: number; deficit: boolean }>>();
  for (const r of rows.rows) {
    let mine = weakest.get(r.user_id);
    if (!mine) weakest.set(r.user_id, (mine = new Map()));
    const seen = mine.get(r.competency_id);
    if (!seen || r.percent < seen.percent) mine.set(r.competency_id, { percent: r.percent, deficit: r.level === "deficit" });
  }
  return new Map([...weakest].map(([user, m]) => [user, [...m].filter(([, v]) => v.deficit).map(([c]) => c).sort()]));
}

export async function findMunicipalities(db: Kysely<Database>, regionId: string) {
  return db.selectFrom("municipalities").select(["id", "name"]).where("region_id", "=", regionId).orderBy("name").execute();
}

/** Borders within a region, both directions. */
export async function findNeighbours(db: Kysely<Database>, regionId: string): Promise<Array<readonly [string, string]>> {
  const rows = await db.selectFrom("municipality_neighbours as n").innerJoin("municipalities as m", "m.id", "n.municipality_id")
    .select(["n.municipality_id", "n.neighbour_id"]).where("m.region_id", "=", regionId).execute();
  return rows.map((r) => [r.municipality_id, r.neighbour_id] as const);
}

/** Who of these people is in a group of the course already, and in which. */
export async function findMemberships(db: Kysely<Database>, courseId: string, userIds: readonly string[]) {
  if (!userIds.length) return new Map<string, { groupId: string; status: "proposed" | "confirmed" }>();
  const out = new Map<string, { groupId: string; status: "proposed" | "confirmed" }>();
  for (let i = 0; i < userIds.length; i += 5000) {
    const rows = await db.selectFrom("course_group_members as cm").innerJoin("course_groups as g", "g.id", "cm.group_id")
      .select(["cm.user_id", "g.id", "g.status"]).where("cm.course_id", "=", courseId).where("cm.user_id", "in", userIds.slice(i, i + 5000)).execute();
    for (const r of rows) out.set(r.user_id, { groupId: r.id, status: r.status });
  }
  return out;
}

/** People in a confirmed group of another course of the region whose dates overlap the given ones. */
export async function findBusy(db: Kysely<Database>, regionId: string, courseId: string, startsOn: string, endsOn: string): Promise<Set<string>> {
  const rows = await db.selectFrom("course_group_members as cm").innerJoin("course_groups as g", "g.id", "cm.group_id")
    .select("cm.user_id").distinct()
    .where("g.region_id", "=", regionId).where("g.course_id", "<>", courseId).where("g.status", "=", "confirmed")
    .where("g.starts_on", "is not", null).where("g.ends_on", "is not", null)
    .where("g.starts_on", "<=", endsOn).where("g.ends_on", ">=", startsOn)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Per course of the region: people already grouped and groups (within a municipality for a coordinator). */
export async function groupedCounts(db: Kysely<Database>, regionId: string, municipalityId: string | null) {
  const rows = await sql<{ course_id: string; grouped: number; groups: number }>`
    select g.course_id, count(cm.user_id)::int as grouped, count(distinct g.id)::int as groups
    from course_groups g
    join course_group_members cm on cm.group_id = g.id
    join users u on u.id = cm.user_id
    left join schools s on s.id = u.school_id
    where g.region_id = ${regionId}
      ${municipalityId ? sql`and coalesce(s.municipality_id, u.municipality_id) = ${municipalityId}` : sql``}
    group by g.course_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.course_id, r]));
}
