// Queries of the analytics module: deficit counts over everyone's current results, and the dashboard's figures.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { AreaCell, PeopleCounts, ResultCounts } from "./training-themes.js";

export interface ResultsFilter {
  regionId: string;
  municipalityId: string | null;
  campaignId: string | null;
  subject: string | null;
  cluster: string | null;
}

/**
 * The common head of every figure: the people in scope (by the municipality and clusters of their
 * school), their latest submitted attempt per instrument (within a campaign, when one is asked for),
 * and one row per person and competency at their weakest level: a methodological competency is
 * measured by each subject test a person takes, and counts once. Level ranks: 0 deficit, 1 partial,
 * 2 proficient.
 */
function currentResults(f: ResultsFilter) {
  return sql`
    person as (
      select u.id as user_id, s.municipality_id, s.clusters,
        exists (select 1 from mentor_assignments ma where ma.mentee_id = u.id and ma.ended_at is null) as mentored
      from users u
      join schools s on s.id = u.school_id
      join municipalities m on m.id = s.municipality_id
      where m.region_id = ${f.regionId} and u.is_active
        ${f.municipalityId ? sql`and s.municipality_id = ${f.municipalityId}` : sql``}
        ${f.cluster ? sql`and ${f.cluster} = any(s.clusters)` : sql``}
    ),
    latest as (
      select distinct on (a.user_id, a.instrument_id) a.id, a.user_id
      from attempts a
      join person p on p.user_id = a.user_id
      ${f.subject ? sql`join instruments i on i.id = a.instrument_id and i.subject = ${f.subject}` : sql``}
      where a.status = 'submitted' ${f.campaignId ? sql`and a.campaign_id = ${f.campaignId}` : sql``}
      order by a.user_id, a.instrument_id, a.submitted_at desc
    ),
    measured as (
      select l.user_id, r.competency_id,
        min(case r.level when 'deficit' then 0 when 'partial' then 1 else 2 end) as rank
      from latest l
      join competency_results r on r.attempt_id = l.id
      group by l.user_id, r.competency_id
    )`;
}

/** One row of the figures query; `figure` says which grouping it belongs to. */
interface FigureRow {
  figure: "cell" | "cluster" | "people";
  set_id: number;
  competency_id: string | null;
  title: string | null;
  area: string | null;
  subject: string | null;
  audience: string | null;
  key: string | null;
  tested: number;
  deficit: number;
  partial: number;
  without_mentor: number;
}

export interface ThemeFigures {
  byMunicipality: AreaCell[];
  byCluster: AreaCell[];
  clusterTested: Map<string, number>;
  counts: ResultCounts;
}

/**
 * Every figure of the themes in one statement, so that the latest results are found once: people
 * at each level per competency and municipality; the same per cluster of the person's school (a
 * school may be in several) with the people of each cluster; and how many people have results and
 * a deficit per subject and area, per audience (teachers: subject and methodology; principals:
 * leadership), overall and per municipality. `deficit` of the people figures counts people with
 * any deficit.
 */
export async function themeFigures(db: Kysely<Database>, f: ResultsFilter, withClusters: boolean): Promise<ThemeFigures> {
  const result = await sql<FigureRow>`
    with ${currentResults(f)},
    facts as materialized (
      select x.user_id, x.rank, x.competency_id, c.title, c.area, coalesce(c.subject, '') as subject,
        case when c.area = 'leadership' then 'principal' else 'teacher' end as audience,
        p.municipality_id, p.clusters, p.mentored
      from measured x
      join person p on p.user_id = x.user_id
      join competencies c on c.id = x.competency_id
    )
    select 'cell' as figure, 0 as set_id, competency_id, title, area, subject, audience, municipality_id as key,
      count(*)::int as tested,
      (count(*) filter (where rank = 0))::int as deficit,
      (count(*) filter (where rank = 1))::int as partial,
      0 as without_mentor
    from facts
    group by competency_id, title, area, subject, audience, municipality_id
    ${withClusters ? sql`
    union all
    select 'cluster', grouping(competency_id, cl.code)::int, competency_id, null, null, null, null, cl.code,
      count(distinct user_id)::int,
      (count(*) filter (where rank = 0))::int,
      (count(*) filter (where rank = 1))::int,
      0
    from facts cross join lateral unnest(clusters) as cl(code)
    group by grouping sets ((competency_id, cl.code), (cl.code))` : sql``}
    union all
    select 'people', grouping(audience, area, subject, municipality_id)::int, null, null, area, subject, audience, municipality_id,
      count(distinct user_id)::int,
      (count(distinct user_id) filter (where rank = 0))::int,
      0,
      (count(distinct user_id) filter (where rank = 0 and not mentored))::int
    from facts
    group by grouping sets ((audience, area, subject), (audience), (), (municipality_id))`.execute(db);

  const empty: PeopleCounts = { tested: 0, withDeficits: 0, withoutMentor: 0 };
  const out: ThemeFigures = {
    byMunicipality: [], byCluster: [], clusterTested: new Map(),
    counts: { total: empty, teachers: empty, principals: empty, byArea: [], byMunicipality: new Map() },
  };
  const meta = new Map<string, Omit<AreaCell, "key" | "tested" | "deficit" | "partial">>();
  for (const r of result.rows) {
    if (r.figure !== "cell") continue;
    const cell = {
      competencyId: r.competency_id!, title: r.title!, area: r.area as AreaCell["area"], subject: r.subject || null,
      key: r.key!, tested: r.tested, deficit: r.deficit, partial: r.partial,
    };
    out.byMunicipality.push(cell);
    meta.set(cell.competencyId, { competencyId: cell.competencyId, title: cell.title, area: cell.area, subject: cell.subject });
  }
  for (const r of result.rows) {
    // grouping(): a bit per column, set when the column is not part of the row's grouping set.
    if (r.figure === "cluster") {
      if (r.set_id !== 0) out.clusterTested.set(r.key!, r.tested);
      else out.byCluster.push({ ...meta.get(r.competency_id!)!, key: r.key!, tested: r.tested, deficit: r.deficit, partial: r.partial });
    } else if (r.figure === "people") {
      const people = { tested: r.tested, withDeficits: r.deficit, withoutMentor: r.without_mentor };
      if (r.set_id === 15) out.counts.total = people;
      else if (r.set_id === 14) out.counts.byMunicipality.set(r.key!, people.tested);
      else if (r.set_id === 7) out.counts[r.audience === "principal" ? "principals" : "teachers"] = people;
      else if (r.set_id === 1) out.counts.byArea.push({ area: r.area!, subject: r.subject || null, tested: people.tested });
    }
  }
  return out;
}

export async function listMunicipalities(db: Kysely<Database>, regionId: string, municipalityId: string | null) {
  let query = db.selectFrom("municipalities").select(["id", "name"]).where("region_id", "=", regionId);
  if (municipalityId) query = query.where("id", "=", municipalityId);
  return query.orderBy("name").execute();
}

/** Course groups of the region; for a coordinator, those with people of their municipality, counting only them. */
export async function countCourseGroups(db: Kysely<Database>, regionId: string, municipalityId: string | null) {
  const result = await sql<{ proposed: number; confirmed: number; people: number; confirmed_people: number }>`
    select
      (count(distinct g.id) filter (where g.status = 'proposed'))::int as proposed,
      (count(distinct g.id) filter (where g.status = 'confirmed'))::int as confirmed,
      count(distinct gm.user_id)::int as people,
      (count(distinct gm.user_id) filter (where g.status = 'confirmed'))::int as confirmed_people
    from course_groups g
    ${municipalityId ? sql`join` : sql`left join`} course_group_members gm on gm.group_id = g.id
      ${municipalityId ? sql`and exists (select 1 from users u join schools s on s.id = u.school_id where u.id = gm.user_id and s.municipality_id = ${municipalityId})` : sql``}
    where g.region_id = ${regionId}`.execute(db);
  return result.rows[0]!;
}

/** Current mentor pairs whose mentee works in scope. */
export async function countMentorPairs(db: Kysely<Database>, regionId: string, municipalityId: string | null): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n
    from mentor_assignments ma
    join users u on u.id = ma.mentee_id
    join schools s on s.id = u.school_id
    join municipalities m on m.id = s.municipality_id
    where ma.ended_at is null and m.region_id = ${regionId}
      ${municipalityId ? sql`and s.municipality_id = ${municipalityId}` : sql``}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

export async function findLatestImport(db: Kysely<Database>, regionId: string) {
  return db.selectFrom("import_batches as b").leftJoin("users as u", "u.id", "b.created_by")
    .select(["b.id", "b.kind", "b.file_name", "b.rows", "b.created", "b.updated", "b.created_at", "u.full_name"])
    .where("b.region_id", "=", regionId)
    .orderBy("b.created_at", "desc").limit(1)
    .executeTakeFirst();
}
