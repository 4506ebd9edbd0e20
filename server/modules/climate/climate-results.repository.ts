// Climate answers summed in the database: per school (or class) and scale, the respondents scored and the sum of scores; α sums.
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../db/schema.js";
import type { ClimateScale } from "./climate-scoring.js";

type Db = Kysely<Database>;

/**
 * The items of the scales as a VALUES list (item, scale, reversed, items in the scale). Scale scoring
 * happens in SQL so that a region's answers are summed where they lie instead of travelling to the
 * server; the rule is that of climate-scoring.ts (tested to agree): Likert 1…4 (a number, or a
 * one-digit string), reversed items as 5 − value, anything else no answer, at least half the items.
 */
function itemsTable(scales: readonly ClimateScale[]): RawBuilder<unknown> {
  const rows = scales.flatMap((s) => s.items.map((item) => sql`(${item}::text, ${s.id}::text, ${(s.reversed ?? []).includes(item)}::boolean, ${s.items.length}::int)`));
  return sql`(values ${sql.join(rows)}) as i(item, scale, rev, k)`;
}

/** Each answered item of the chosen attempts as a value 1…4, reversed where the scale says, or null. */
function itemValues(scales: readonly ClimateScale[], where: RawBuilder<boolean>) {
  return sql`
    select a.id, a.school_id, a.class_name, i.scale, i.k, i.item,
      case when i.rev then 5 - v.raw else v.raw end as v
    from attempts a
    cross join lateral jsonb_each(a.data) e
    join ${itemsTable(scales)} on i.item = e.key
    cross join lateral (select case
      when jsonb_typeof(e.value) = 'number' and (e.value::text)::numeric in (1, 2, 3, 4) then (e.value::text)::numeric::int
      when jsonb_typeof(e.value) = 'string' and (e.value #>> '{}') in ('1', '2', '3', '4') then (e.value #>> '{}')::int
    end as raw) v
    where a.status = 'submitted' and ${where}`;
}

export interface AnswerFilter { campaignId: string; instrumentId: string; version: number; schoolId?: string }

function filterOf(f: AnswerFilter): RawBuilder<boolean> {
  const school = f.schoolId ? sql`and a.school_id = ${f.schoolId}` : sql``;
  return sql<boolean>`a.campaign_id = ${f.campaignId} and a.instrument_id = ${f.instrumentId} and a.version = ${f.version} ${school}`;
}

export interface ScaleSumRow { school_id: string; class_name: string | null; scale: string; n: number; total: number }

/** Per school (and class, for one school) and scale: respondents who gave a score, and their scores summed. */
export async function scaleSums(db: Db, scales: readonly ClimateScale[], f: AnswerFilter): Promise<ScaleSumRow[]> {
  if (scales.length === 0) return [];
  const byClass = f.schoolId ? sql`class_name` : sql`null::text`;
  const result = await sql<ScaleSumRow>`
    with vals as (${itemValues(scales, filterOf(f))}),
    per_respondent as (
      select id, school_id, class_name, scale, k, count(v) as c, sum(v) as s from vals where v is not null
      group by id, school_id, class_name, scale, k)
    select school_id, ${byClass} as class_name, scale, count(*)::int as n, sum((s::float8 / c - 1) / 3 * 100)::float8 as total
    from per_respondent where c * 2 >= k
    group by school_id, ${byClass}, scale`.execute(db);
  return result.rows.map((r) => ({ ...r, n: Number(r.n), total: Number(r.total) }));
}

export interface RespondentRow { school_id: string; municipality_id: string; class_name: string | null; respondents: number }

/** Submitted answers per school of the campaign's region (per class for one school), with the school's municipality. */
export async function respondentCounts(db: Db, f: Omit<AnswerFilter, "version">): Promise<RespondentRow[]> {
  let query = db.selectFrom("attempts as a").innerJoin("schools as s", "s.id", "a.school_id")
    .select(["a.school_id as school_id", "s.municipality_id", sql<number>`count(*)::int`.as("respondents")])
    .where("a.campaign_id", "=", f.campaignId).where("a.instrument_id", "=", f.instrumentId).where("a.status", "=", "submitted");
  if (f.schoolId) {
    const rows = await query.select("a.class_name").where("a.school_id", "=", f.schoolId).groupBy(["a.school_id", "s.municipality_id", "a.class_name"]).execute();
    return rows.map((r) => ({ ...r, school_id: r.school_id!, respondents: Number(r.respondents) }));
  }
  query = query.groupBy(["a.school_id", "s.municipality_id"]);
  return (await query.execute()).map((r) => ({ ...r, school_id: r.school_id!, class_name: null, respondents: Number(r.respondents) }));
}

/** The versions of a questionnaire answered in a campaign (their scales may differ). */
export async function answeredVersions(db: Db, campaignId: string, instrumentId: string): Promise<number[]> {
  const rows = await db.selectFrom("attempts").select("version").distinct()
    .where("campaign_id", "=", campaignId).where("instrument_id", "=", instrumentId).where("status", "=", "submitted").execute();
  return rows.map((r) => r.version).sort((a, b) => a - b);
}

/**
 * What a cached summary is stamped with: the count of submitted answers of a questionnaire in a
 * campaign (submitted answers never change, so the set only grows) and the greatest of their random
 * ids (so that a set replaced by another of the same size, as after a restore, is not taken for it).
 */
export async function submittedStamp(db: Db, campaignId: string, instrumentId: string): Promise<string> {
  const row = await db.selectFrom("attempts").select(sql<string>`count(*)::int || ':' || coalesce(max(id::text), '')`.as("stamp"))
    .where("campaign_id", "=", campaignId).where("instrument_id", "=", instrumentId).where("status", "=", "submitted").executeTakeFirstOrThrow();
  return row.stamp;
}

export interface AlphaSumRow { scale: string; item: string; n: number; sx: number; sxx: number }
export interface AlphaTotalRow { scale: string; n: number; st: number; stt: number }

/**
 * What Cronbach's α needs, over the respondents who answered every item of a scale: per item the
 * count, sum and sum of squares, and the same of each respondent's scale total.
 */
export async function alphaSums(db: Db, scales: readonly ClimateScale[], f: AnswerFilter): Promise<{ items: AlphaSumRow[]; totals: AlphaTotalRow[] }> {
  if (scales.length === 0) return { items: [], totals: [] };
  const result = await sql<AlphaSumRow & { kind: "item" | "total" }>`
    with vals as (${itemValues(scales, filterOf(f))}),
    complete as (select id, scale from vals where v is not null group by id, scale, k having count(distinct item) = k),
    kept as (select x.* from vals x join complete c on c.id = x.id and c.scale = x.scale),
    per_respondent as (select id, scale, sum(v)::float8 as t from kept group by id, scale)
    select 'item' as kind, scale, item, count(*)::int as n, sum(v)::float8 as sx, sum(v * v)::float8 as sxx from kept group by scale, item
    union all
    select 'total' as kind, scale, '' as item, count(*)::int as n, sum(t) as sx, sum(t * t) as sxx from per_respondent group by scale`.execute(db);
  const rows = result.rows.map((r) => ({ ...r, n: Number(r.n), sx: Number(r.sx), sxx: Number(r.sxx) }));
  return {
    items: rows.filter((r) => r.kind === "item").map(({ scale, item, n, sx, sxx }) => ({ scale, item, n, sx, sxx })),
    totals: rows.filter((r) => r.kind === "total").map(({ scale, n, sx, sxx }) => ({ scale, n, st: sx, stt: sxx })),
  };
}

/** The latest campaign of a region with submitted answers to any of these questionnaires. */
export async function latestRegionCampaign(db: Db, regionId: string, instrumentIds: string[]) {
  return db.selectFrom("campaigns as c").select(["c.id", "c.title", "c.wave", "c.starts_on", "c.ends_on"])
    .where("c.region_id", "=", regionId)
    .where(({ exists, selectFrom }) => exists(selectFrom("attempts as a").select("a.id").whereRef("a.campaign_id", "=", "c.id")
      .where("a.instrument_id", "in", instrumentIds).where("a.status", "=", "submitted")))
    .orderBy("c.starts_on", "desc").orderBy("c.created_at", "desc").limit(1).executeTakeFirst();
}

/**
 * The campaign whose climate a school shows: the latest in which it has answers (a new round with
 * none yet does not blank the last wave's results), else the latest in which it opened a round.
 */
export async function latestSchoolCampaign(db: Db, schoolId: string, instrumentIds: string[]) {
  const latest = (db_: Db) => db_.selectFrom("campaigns as c").select(["c.id", "c.title", "c.wave", "c.starts_on", "c.ends_on"])
    .orderBy("c.starts_on", "desc").orderBy("c.created_at", "desc").limit(1);
  const answered = await latest(db)
    .where(({ exists, selectFrom }) => exists(selectFrom("attempts as a").select("a.id").whereRef("a.campaign_id", "=", "c.id")
      .where("a.school_id", "=", schoolId).where("a.instrument_id", "in", instrumentIds).where("a.status", "=", "submitted")))
    .executeTakeFirst();
  return answered ?? latest(db)
    .where(({ exists, selectFrom }) => exists(selectFrom("climate_rounds as r").select("r.id").whereRef("r.campaign_id", "=", "c.id").where("r.school_id", "=", schoolId)))
    .executeTakeFirst();
}

export async function findCampaignInRegion(db: Db, campaignId: string, regionId: string) {
  return db.selectFrom("campaigns as c").select(["c.id", "c.title", "c.wave", "c.starts_on", "c.ends_on"])
    .where("c.id", "=", campaignId).where("c.region_id", "=", regionId).executeTakeFirst();
}

export async function findRegion(db: Db, regionId: string) {
  return db.selectFrom("regions").select(["id", "name"]).where("id", "=", regionId).executeTakeFirst();
}

/** The schools of a region (or one municipality of it) with their places' names. */
export async function regionSchools(db: Db, regionId: string, municipalityId?: string) {
  let query = db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select(["s.id", "s.name", "s.short_name", "s.municipality_id", "m.name as municipality_name"])
    .where("m.region_id", "=", regionId);
  if (municipalityId) query = query.where("s.municipality_id", "=", municipalityId);
  return query.orderBy("s.id").execute();
}

export async function municipalityInRegion(db: Db, regionId: string, id: string): Promise<boolean> {
  return (await db.selectFrom("municipalities").select("id").where("id", "=", id).where("region_id", "=", regionId).executeTakeFirst()) !== undefined;
}

export async function schoolRegion(db: Db, schoolId: string): Promise<string | undefined> {
  const row = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select("m.region_id").where("s.id", "=", schoolId).executeTakeFirst();
  return row?.region_id;
}
