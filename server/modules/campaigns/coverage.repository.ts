// Coverage queries: how many of the assigned have started and finished, by municipality, school and instrument.
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../db/schema.js";

export interface CoverageFilter { municipalityId?: string | null | undefined; schoolId?: string | null | undefined }

function filterSql(f: CoverageFilter): RawBuilder<unknown> {
  return sql`${f.municipalityId ? sql`and a.municipality_id = ${f.municipalityId}` : sql``} ${f.schoolId ? sql`and a.school_id = ${f.schoolId}` : sql``}`;
}

/**
 * One row per assigned person: how many diagnostics they hold, have started and have submitted.
 * A person counts as tested when every diagnostic assigned to them (subject tests, the leader
 * self-assessment) is submitted; the conditions card describes the school, not the person, and is
 * followed in the per-instrument figures and the list of those still to answer.
 */
function perPerson(campaignId: string, f: CoverageFilter) {
  return sql`
    select a.user_id, a.municipality_id, a.school_id,
      bool_or(i.kind = 'subject-test') as teacher,
      bool_or(i.kind = 'leader') as principal,
      count(*)::int as assigned_n,
      count(t.id)::int as started_n,
      (count(*) filter (where t.status = 'submitted'))::int as submitted_n
    from campaign_assignments a
    join instruments i on i.id = a.instrument_id
    left join attempts t on t.user_id = a.user_id and t.instrument_id = a.instrument_id and t.campaign_id = a.campaign_id
    where a.campaign_id = ${campaignId} and i.kind in ('subject-test', 'leader') ${filterSql(f)}
    group by a.user_id, a.municipality_id, a.school_id`;
}

export interface CountsRow {
  assigned: number; started: number; submitted: number;
  t_assigned: number; t_started: number; t_submitted: number;
  p_assigned: number; p_started: number; p_submitted: number;
  schools_total: number; schools_covered: number;
}

const COUNTS = sql`
  count(*)::int as assigned,
  (count(*) filter (where started_n > 0))::int as started,
  (count(*) filter (where submitted_n = assigned_n))::int as submitted,
  (count(*) filter (where teacher))::int as t_assigned,
  (count(*) filter (where teacher and started_n > 0))::int as t_started,
  (count(*) filter (where teacher and submitted_n = assigned_n))::int as t_submitted,
  (count(*) filter (where principal))::int as p_assigned,
  (count(*) filter (where principal and started_n > 0))::int as p_started,
  (count(*) filter (where principal and submitted_n = assigned_n))::int as p_submitted,
  count(distinct school_id)::int as schools_total,
  (count(distinct school_id) filter (where submitted_n = assigned_n))::int as schools_covered`;

export async function coverageByMunicipality(db: Kysely<Database>, campaignId: string, f: CoverageFilter) {
  const result = await sql<CountsRow & { municipality_id: string; name: string }>`
    with person as (${perPerson(campaignId, f)})
    select p.municipality_id, m.name, ${COUNTS}
    from person p join municipalities m on m.id = p.municipality_id
    group by p.municipality_id, m.name
    order by m.name`.execute(db);
  return result.rows;
}

export async function coverageTotals(db: Kysely<Database>, campaignId: string, f: CoverageFilter): Promise<CountsRow> {
  const result = await sql<CountsRow>`with person as (${perPerson(campaignId, f)}) select ${COUNTS} from person`.execute(db);
  return result.rows[0]!;
}

/**
 * Every instrument of the campaign, including those nobody in the filter was assigned (0 of 0). For
 * the assigned ones: people assigned, started, submitted. Anonymous questionnaires assign nobody:
 * their `started` and `submitted` count the answers received by code from the schools in the filter.
 */
export async function coverageByInstrument(db: Kysely<Database>, campaignId: string, f: CoverageFilter) {
  const result = await sql<{ id: string; title: string; kind: string; anonymous: boolean; assigned: number; started: number; submitted: number }>`
    select i.id, i.title, i.kind, false as anonymous, count(a.user_id)::int as assigned, count(t.id)::int as started,
      (count(t.id) filter (where t.status = 'submitted'))::int as submitted
    from campaign_instruments ci
    join instruments i on i.id = ci.instrument_id and not i.anonymous
    left join campaign_assignments a on a.campaign_id = ci.campaign_id and a.instrument_id = ci.instrument_id ${filterSql(f)}
    left join attempts t on t.user_id = a.user_id and t.instrument_id = a.instrument_id and t.campaign_id = a.campaign_id
    where ci.campaign_id = ${campaignId}
    group by i.id, i.title, i.kind
    union all
    select i.id, i.title, i.kind, true as anonymous, 0 as assigned, count(t.id)::int as started,
      (count(t.id) filter (where t.status = 'submitted'))::int as submitted
    from campaign_instruments ci
    join instruments i on i.id = ci.instrument_id and i.anonymous
    left join attempts t on t.campaign_id = ci.campaign_id and t.instrument_id = ci.instrument_id
      ${f.municipalityId ? sql`and t.school_id in (select s.id from schools s where s.municipality_id = ${f.municipalityId})` : sql``}
      ${f.schoolId ? sql`and t.school_id = ${f.schoolId}` : sql``}
    where ci.campaign_id = ${campaignId}
    group by i.id, i.title, i.kind
    order by anonymous, title`.execute(db);
  return result.rows;
}

export async function coverageBySchool(db: Kysely<Database>, campaignId: string, f: CoverageFilter) {
  const result = await sql<{
    id: string; name: string; short_name: string; municipality_id: string; municipality_name: string; phone: string | null;
    low_results: boolean; unfavourable: boolean; assigned: number; started: number; submitted: number;
  }>`
    with person as (${perPerson(campaignId, f)})
    select s.id, s.name, s.short_name, s.municipality_id, m.name as municipality_name, s.phone, s.low_results, s.unfavourable,
      count(*)::int as assigned,
      (count(*) filter (where started_n > 0))::int as started,
      (count(*) filter (where submitted_n = assigned_n))::int as submitted
    from person p join schools s on s.id = p.school_id join municipalities m on m.id = s.municipality_id
    group by s.id, m.name
    order by m.name, s.name`.execute(db);
  return result.rows;
}

export interface PendingRecord {
  user_id: string; full_name: string; position: string | null; email: string | null;
  school_id: string; school_name: string; school_phone: string | null;
  municipality_id: string; municipality_name: string;
  instrument_id: string; instrument_title: string; state: "not_started" | "in_progress";
}

function pendingFrom(campaignId: string, f: CoverageFilter) {
  return sql`
    from campaign_assignments a
    join users u on u.id = a.user_id
    join schools s on s.id = a.school_id
    join municipalities m on m.id = s.municipality_id
    join instruments i on i.id = a.instrument_id
    left join attempts t on t.user_id = a.user_id and t.instrument_id = a.instrument_id and t.campaign_id = a.campaign_id
    where a.campaign_id = ${campaignId} and (t.id is null or t.status <> 'submitted') ${filterSql(f)}`;
}

/** Those still to test, one row per person and instrument, ordered for a phone round: municipality, school, name. */
export async function listPending(db: Kysely<Database>, campaignId: string, f: CoverageFilter, limit: number | null, offset: number) {
  const rows = await sql<PendingRecord>`
    select u.id as user_id, u.full_name, u.position, u.email, s.id as school_id, s.name as school_name, s.phone as school_phone,
      m.id as municipality_id, m.name as municipality_name, i.id as instrument_id, i.title as instrument_title,
      case when t.id is null then 'not_started' else 'in_progress' end as state
    ${pendingFrom(campaignId, f)}
    order by m.name, s.name, u.full_name, i.title
    ${limit === null ? sql`` : sql`limit ${limit} offset ${offset}`}`.execute(db);
  return rows.rows;
}

export async function countPending(db: Kysely<Database>, campaignId: string, f: CoverageFilter): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n ${pendingFrom(campaignId, f)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}
