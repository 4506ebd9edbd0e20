// Queries about monitoring campaigns: the campaigns of a region, their scope, and who is assigned what.
import { sql, type Kysely } from "kysely";
import type { CampaignRow, Database } from "../../db/schema.js";

export interface CampaignRef { id: string; title: string; wave: "input" | "intermediate" | "final" }

export interface CampaignRecord extends CampaignRow {
  instrument_ids: string[];
  municipality_ids: string[];
  school_ids: string[];
  in_window: boolean;
}

function selectCampaigns(db: Kysely<Database>) {
  return db.selectFrom("campaigns as c").selectAll("c").select([
    sql<string[]>`coalesce((select array_agg(instrument_id order by instrument_id) from campaign_instruments where campaign_id = c.id), '{}')`.as("instrument_ids"),
    sql<string[]>`coalesce((select array_agg(municipality_id order by municipality_id) from campaign_municipalities where campaign_id = c.id), '{}')`.as("municipality_ids"),
    sql<string[]>`coalesce((select array_agg(school_id order by school_id) from campaign_schools where campaign_id = c.id), '{}')`.as("school_ids"),
    sql<boolean>`current_date between c.starts_on and c.ends_on`.as("in_window"),
  ]);
}

/**
 * The campaigns of a region, newest first. With a municipality, only those that cover it: the whole
 * region, the municipality itself, or one of its schools.
 */
export async function listCampaigns(db: Kysely<Database>, regionId: string, municipalityId: string | null): Promise<CampaignRecord[]> {
  let query = selectCampaigns(db).where("c.region_id", "=", regionId);
  if (municipalityId) query = query.where(coversMunicipality(municipalityId));
  return query.orderBy("c.starts_on", "desc").orderBy("c.created_at", "desc").execute();
}

export async function findCampaign(db: Kysely<Database>, id: string): Promise<CampaignRecord | undefined> {
  return selectCampaigns(db).where("c.id", "=", id).executeTakeFirst();
}

/** Whether a campaign covers a municipality: region-wide, or the municipality, or one of its schools. */
function coversMunicipality(municipalityId: string) {
  return sql<boolean>`(
    (not exists (select 1 from campaign_municipalities x where x.campaign_id = c.id)
      and not exists (select 1 from campaign_schools x where x.campaign_id = c.id))
    or exists (select 1 from campaign_municipalities x where x.campaign_id = c.id and x.municipality_id = ${municipalityId})
    or exists (select 1 from campaign_schools x join schools s on s.id = x.school_id where x.campaign_id = c.id and s.municipality_id = ${municipalityId}))`;
}

export async function campaignCoversMunicipality(db: Kysely<Database>, campaignId: string, municipalityId: string): Promise<boolean> {
  const row = await db.selectFrom("campaigns as c").select("c.id").where("c.id", "=", campaignId).where(coversMunicipality(municipalityId)).executeTakeFirst();
  return row !== undefined;
}

export interface CampaignValues {
  title: string;
  wave: CampaignRow["wave"];
  startsOn: string;
  endsOn: string;
  targets: { teachers?: number | undefined; principals?: number | undefined; schoolShare?: number | undefined };
}

export async function insertCampaign(db: Kysely<Database>, id: string, regionId: string, createdBy: string, v: CampaignValues): Promise<void> {
  await db.insertInto("campaigns").values({
    id, region_id: regionId, title: v.title, wave: v.wave, status: "planned", starts_on: v.startsOn, ends_on: v.endsOn, created_by: createdBy,
    target_teachers: v.targets.teachers ?? null, target_principals: v.targets.principals ?? null, target_school_share: v.targets.schoolShare ?? null,
  }).execute();
}

export async function updateCampaign(db: Kysely<Database>, id: string, v: CampaignValues): Promise<void> {
  await db.updateTable("campaigns").set({
    title: v.title, wave: v.wave, starts_on: v.startsOn, ends_on: v.endsOn,
    target_teachers: v.targets.teachers ?? null, target_principals: v.targets.principals ?? null, target_school_share: v.targets.schoolShare ?? null,
  }).where("id", "=", id).execute();
}

export async function replaceScope(db: Kysely<Database>, id: string, instrumentIds: string[], municipalityIds: string[], schoolIds: string[]): Promise<void> {
  await db.deleteFrom("campaign_instruments").where("campaign_id", "=", id).execute();
  await db.deleteFrom("campaign_municipalities").where("campaign_id", "=", id).execute();
  await db.deleteFrom("campaign_schools").where("campaign_id", "=", id).execute();
  if (instrumentIds.length) await db.insertInto("campaign_instruments").values(instrumentIds.map((i) => ({ campaign_id: id, instrument_id: i }))).execute();
  if (municipalityIds.length) await db.insertInto("campaign_municipalities").values(municipalityIds.map((m) => ({ campaign_id: id, municipality_id: m }))).execute();
  for (let i = 0; i < schoolIds.length; i += 1000) {
    await db.insertInto("campaign_schools").values(schoolIds.slice(i, i + 1000).map((s) => ({ campaign_id: id, school_id: s }))).execute();
  }
}

export async function deleteCampaign(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("campaigns").where("id", "=", id).execute();
}

export async function countCampaignAttempts(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db.selectFrom("attempts").select((eb) => eb.fn.countAll<number>().as("n")).where("campaign_id", "=", id).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves a campaign from one state to another; returns false when it was not in the expected state (a race). */
export async function setStatus(db: Kysely<Database>, id: string, from: CampaignRow["status"], to: CampaignRow["status"]): Promise<boolean> {
  const result = await db.updateTable("campaigns")
    .set({ status: to, ...(to === "active" ? { opened_at: sql<Date>`now()` } : {}), ...(to === "closed" ? { closed_at: sql<Date>`now()` } : {}) })
    .where("id", "=", id).where("status", "=", from).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function unknownMunicipalities(db: Kysely<Database>, regionId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const found = await db.selectFrom("municipalities").select("id").where("region_id", "=", regionId).where("id", "in", ids).execute();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export async function unknownSchools(db: Kysely<Database>, regionId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
      .select("s.id").where("m.region_id", "=", regionId).where("s.id", "in", ids.slice(i, i + 5000)).execute();
    for (const r of found) known.add(r.id);
  }
  return ids.filter((id) => !known.has(id));
}

/**
 * The people a campaign assigns, as a query: every active person of the region at a school in the
 * campaign's scope who may take one of its instruments. The rule mirrors `mayTake` in
 * instruments.service.ts (teachers their subjects' tests, principals the leader diagnostic and the
 * conditions card); anonymous questionnaires are answered by code and assign nobody.
 */
function eligible(campaignId: string) {
  return sql`
    select c.id as campaign_id, u.id as user_id, i.id as instrument_id, u.school_id, s.municipality_id
    from campaigns c
    join campaign_instruments ci on ci.campaign_id = c.id
    join instruments i on i.id = ci.instrument_id and not i.anonymous
    join municipalities m on m.region_id = c.region_id
    join schools s on s.municipality_id = m.id
    join users u on u.school_id = s.id and u.is_active
    where c.id = ${campaignId}
      and (
        (i.kind = 'subject-test' and i.subject = any(u.subjects)
          and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'teacher'))
        or (i.kind in ('leader', 'conditions')
          and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'principal'))
      )
      and (
        (not exists (select 1 from campaign_municipalities x where x.campaign_id = c.id)
          and not exists (select 1 from campaign_schools x where x.campaign_id = c.id))
        or s.municipality_id in (select x.municipality_id from campaign_municipalities x where x.campaign_id = c.id)
        or s.id in (select x.school_id from campaign_schools x where x.campaign_id = c.id)
      )`;
}

/** A transaction-wide lock on opening campaigns in a region: openings take turns (released at commit). */
export async function lockRegionCampaigns(db: Kysely<Database>, regionId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`campaigns:${regionId}`}))`.execute(db);
}

/** Running campaigns that already hold, for someone this campaign would assign, the same instrument. */
export async function findAssignmentConflicts(db: Kysely<Database>, campaignId: string) {
  const result = await sql<{ campaign_id: string; title: string; people: number; instruments: string[] }>`
    select other.id as campaign_id, other.title, count(distinct e.user_id)::int as people, array_agg(distinct e.instrument_id) as instruments
    from (${eligible(campaignId)}) e
    join campaign_assignments a on a.user_id = e.user_id and a.instrument_id = e.instrument_id and a.active and a.campaign_id <> e.campaign_id
    join campaigns other on other.id = a.campaign_id
    group by other.id, other.title
    order by other.title`.execute(db);
  return result.rows;
}

/**
 * Assigns everyone the campaign covers who is not assigned yet. A person who holds the same
 * instrument in another running campaign is skipped (the partial unique index decides), so that
 * people imported later can be added to every running campaign without ever doubling an instrument.
 */
export async function assignEligible(db: Kysely<Database>, campaignId: string): Promise<number> {
  const result = await sql`
    insert into campaign_assignments (campaign_id, user_id, instrument_id, school_id, municipality_id)
    ${eligible(campaignId)}
    on conflict do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** After an import: newcomers of the region join the running campaigns that cover their schools. */
export async function assignEligibleInActiveCampaigns(db: Kysely<Database>, regionId: string): Promise<number> {
  const active = await db.selectFrom("campaigns").select("id").where("region_id", "=", regionId).where("status", "=", "active").execute();
  let added = 0;
  for (const c of active) added += await assignEligible(db, c.id);
  return added;
}

export async function deactivateAssignments(db: Kysely<Database>, campaignId: string): Promise<void> {
  await db.updateTable("campaign_assignments").set({ active: false }).where("campaign_id", "=", campaignId).where("active", "=", true).execute();
}

export interface AssignedCampaign extends CampaignRef {
  status: CampaignRow["status"];
  starts_on: string;
  ends_on: string;
  in_window: boolean;
}

/** The running campaign in which this person holds this instrument, if any. */
export async function findActiveAssignment(db: Kysely<Database>, userId: string, instrumentId: string): Promise<AssignedCampaign | undefined> {
  return db.selectFrom("campaign_assignments as a").innerJoin("campaigns as c", "c.id", "a.campaign_id")
    .select(["c.id", "c.title", "c.wave", "c.status", "c.starts_on", "c.ends_on", sql<boolean>`current_date between c.starts_on and c.ends_on`.as("in_window")])
    .where("a.user_id", "=", userId).where("a.instrument_id", "=", instrumentId).where("a.active", "=", true)
    .executeTakeFirst();
}

/** Every assignment of a person, running and closed, with the attempt made in it. */
export async function listPersonAssignments(db: Kysely<Database>, userId: string) {
  return db.selectFrom("campaign_assignments as a")
    .innerJoin("campaigns as c", "c.id", "a.campaign_id")
    .innerJoin("instruments as i", "i.id", "a.instrument_id")
    .leftJoin("attempts as t", (j) => j.onRef("t.user_id", "=", "a.user_id").onRef("t.instrument_id", "=", "a.instrument_id").onRef("t.campaign_id", "=", "a.campaign_id"))
    .select([
      "c.id as campaign_id", "c.title as campaign_title", "c.wave", "c.status as campaign_status", "c.starts_on", "c.ends_on",
      sql<boolean>`current_date between c.starts_on and c.ends_on`.as("in_window"),
      "a.instrument_id", "i.title as instrument_title",
      "t.id as attempt_id", "t.status as attempt_status", "t.submitted_at", "t.percent", "t.deadline_at",
    ])
    .where("a.user_id", "=", userId)
    .orderBy("c.starts_on", "desc").orderBy("i.title")
    .execute();
}

/** The running campaign of a school's region that includes an anonymous questionnaire and covers the school. */
export async function findActiveCampaignForSchool(db: Kysely<Database>, schoolId: string, instrumentId: string): Promise<AssignedCampaign | undefined> {
  return db.selectFrom("campaigns as c")
    .innerJoin("campaign_instruments as ci", "ci.campaign_id", "c.id")
    .innerJoin("municipalities as m", "m.region_id", "c.region_id")
    .innerJoin("schools as s", "s.municipality_id", "m.id")
    .select(["c.id", "c.title", "c.wave", "c.status", "c.starts_on", "c.ends_on", sql<boolean>`current_date between c.starts_on and c.ends_on`.as("in_window")])
    .where("s.id", "=", schoolId).where("c.status", "=", "active").where("ci.instrument_id", "=", instrumentId)
    .where(sql<boolean>`(
      (not exists (select 1 from campaign_municipalities x where x.campaign_id = c.id)
        and not exists (select 1 from campaign_schools x where x.campaign_id = c.id))
      or s.municipality_id in (select x.municipality_id from campaign_municipalities x where x.campaign_id = c.id)
      or s.id in (select x.school_id from campaign_schools x where x.campaign_id = c.id))`)
    .orderBy("c.starts_on", "desc")
    .executeTakeFirst();
}

/** Whether an attempt's campaign still accepts answers: running, and its last day not past. */
export async function campaignAcceptsAnswers(db: Kysely<Database>, campaignId: string): Promise<{ status: CampaignRow["status"]; ends_on: string; open: boolean } | undefined> {
  return db.selectFrom("campaigns").select(["status", "ends_on", sql<boolean>`status = 'active' and current_date <= ends_on`.as("open")])
    .where("id", "=", campaignId).executeTakeFirst();
}
