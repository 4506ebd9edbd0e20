// The effect's one statement: each person's change between two waves per area, judged against the error, summed by group.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { EffectSums } from "./effect.js";
import { RELIABLE_Z } from "./reliable-change.js";

export interface EffectFilter {
  regionId: string;
  fromId: string;
  toId: string;
  /** A course counts when its group started on or after the first wave's first day. */
  fromStartsOn: string;
  subject: string | null;
  municipalityId: string | null;
  /** The region's α-based SEM per instrument version and competency; others get the binomial error in the query. */
  sems: Array<{ instrument_id: string; version: number; competency_id: string; sem: number }>;
}

/** The instrument versions people answered in these campaigns: whose reliability the effect needs. */
export async function versionsInCampaigns(db: Kysely<Database>, campaignIds: readonly string[]) {
  return db.selectFrom("attempts").select(["instrument_id", "version"]).distinct()
    .where("campaign_id", "in", [...campaignIds]).where("status", "=", "submitted").where("user_id", "is not", null)
    .execute();
}

/**
 * Mirrors, in SQL, what progress-build.ts and reliable-change.ts do for one person, so that nothing
 * is counted person by person in JavaScript: a measurement's error is the region's SEM or the
 * binomial one ((p·k + 1)/(k + 2) shrunk); the instruments of one wave are pooled per competency
 * (points summed, errors weighted by maximum points); a person's change in an area is the mean of
 * their competencies' changes, with S_diff = √Σ(SEM₁² + SEM₂²) / m; reliable beyond 1.96·S_diff.
 * Then: people mentored for more than half of the time between their two submissions, people in a
 * confirmed course group that started on or after the first wave's first day and ended by their
 * second submission, and the sums per group (total, course, mentoring, municipality) and area.
 */
export async function effectSums(db: Kysely<Database>, f: EffectFilter): Promise<EffectSums[]> {
  const result = await sql<EffectSums>`
    with sems as (
      select * from jsonb_to_recordset(${JSON.stringify(f.sems)}::jsonb) as s(instrument_id text, version int, competency_id text, sem float8)
    ),
    person as (
      select u.id as user_id, coalesce(s.municipality_id, u.municipality_id) as municipality_id
      from users u left join schools s on s.id = u.school_id
      where u.region_id = ${f.regionId}
        ${f.municipalityId ? sql`and coalesce(s.municipality_id, u.municipality_id) = ${f.municipalityId}` : sql``}
    ),
    measured as (
      select a.user_id, a.campaign_id, a.submitted_at, r.competency_id, r.score, r.max_score,
        coalesce(sm.sem, 100 * sqrt(((r.percent / 100 * r.items + 1) / (r.items + 2)) * (1 - (r.percent / 100 * r.items + 1) / (r.items + 2)) / r.items)) as sem
      from attempts a
      join person p on p.user_id = a.user_id
      join competency_results r on r.attempt_id = a.id
      left join sems sm on sm.instrument_id = a.instrument_id and sm.version = a.version and sm.competency_id = r.competency_id
      where a.campaign_id in (${f.fromId}, ${f.toId}) and a.status = 'submitted' and r.items > 0
        ${f.subject ? sql`and a.instrument_id in (select i.id from instruments i where i.subject = ${f.subject})` : sql``}
    ),
    wave as (
      select user_id, campaign_id, competency_id, min(submitted_at) as first_at, max(submitted_at) as last_at,
        100 * sum(score) / sum(max_score) as pct, sqrt(sum(max_score * max_score * sem * sem)) / sum(max_score) as sem
      from measured group by user_id, campaign_id, competency_id having sum(max_score) > 0
    ),
    pc as (
      select a.user_id, a.competency_id, k.area, b.pct - a.pct as delta, a.sem * a.sem + b.sem * b.sem as var, a.first_at, b.last_at
      from wave a
      join wave b on b.user_id = a.user_id and b.competency_id = a.competency_id and b.campaign_id = ${f.toId}
      join competencies k on k.id = a.competency_id
      where a.campaign_id = ${f.fromId}
    ),
    span as (select user_id, min(first_at) as at1, max(last_at) as at2 from pc group by user_id),
    pa as (
      select user_id, coalesce(area, 'overall') as area, avg(delta) as delta, sqrt(sum(var)) / count(*) as sdiff
      from pc group by grouping sets ((user_id, area), (user_id))
    ),
    pr as materialized (
      select user_id, area, delta, (delta > ${RELIABLE_Z}::float8 * sdiff)::int as up, (delta < -${RELIABLE_Z}::float8 * sdiff)::int as down from pa
    ),
    mentoring as (
      -- greatest() and least() skip nulls: a person without any pair must not count the whole span.
      select sp.user_id,
        coalesce(sum(extract(epoch from least(coalesce(ma.ended_at, now()), sp.at2) - greatest(ma.assigned_at, sp.at1))) filter (where ma.id is not null), 0)
          > extract(epoch from sp.at2 - sp.at1) / 2 and sp.at2 > sp.at1 as mentored
      from span sp
      left join mentor_assignments ma on ma.mentee_id = sp.user_id and ma.assigned_at < sp.at2 and coalesce(ma.ended_at, now()) > sp.at1
      group by sp.user_id, sp.at1, sp.at2
    ),
    took as (
      select distinct sp.user_id, g.course_id
      from span sp
      join course_group_members gm on gm.user_id = sp.user_id
      join course_groups g on g.id = gm.group_id
      where g.status = 'confirmed' and g.region_id = ${f.regionId} and g.starts_on >= ${f.fromStartsOn}::date and g.ends_on <= sp.at2::date
    ),
    sums as (
      select 'total' as breakdown, '' as key, pr.area, pr.delta, pr.up, pr.down from pr
      union all
      select 'municipality', coalesce(p.municipality_id, ''), pr.area, pr.delta, pr.up, pr.down from pr join person p on p.user_id = pr.user_id
      union all
      select 'mentoring', case when m.mentored then 'mentored' else 'not-mentored' end, pr.area, pr.delta, pr.up, pr.down
      from pr join mentoring m on m.user_id = pr.user_id
      union all
      select 'course', t.course_id, pr.area, pr.delta, pr.up, pr.down from pr join took t on t.user_id = pr.user_id
      union all
      select 'course', '', pr.area, pr.delta, pr.up, pr.down from pr where not exists (select 1 from took t where t.user_id = pr.user_id)
    )
    select breakdown, key, area, count(*)::int as n, sum(delta)::float8 as sum, sum(delta * delta)::float8 as "sumSquares",
      sum(up)::int as growth, sum(down)::int as decline
    from sums group by breakdown, key, area`.execute(db);
  return result.rows.map((r) => ({ ...r, sum: Number(r.sum), sumSquares: Number(r.sumSquares) }));
}
