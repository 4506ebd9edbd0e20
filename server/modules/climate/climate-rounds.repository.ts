// Queries of climate rounds: schools in reach, the round's campaign, issuing codes (digests only), counts, closing.
import { sql, type Kysely } from "kysely";
import type { Audience, Database } from "../../db/schema.js";
import type { AssignedCampaign } from "../campaigns/campaigns.repository.js";

type Db = Kysely<Database>;

export interface SchoolRef { id: string; name: string; short_name: string; municipality_id: string; region_id: string }

export async function findSchool(db: Db, schoolId: string): Promise<SchoolRef | undefined> {
  return db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select(["s.id", "s.name", "s.short_name", "s.municipality_id", "m.region_id"]).where("s.id", "=", schoolId).executeTakeFirst();
}

export interface CampaignCheck {
  id: string; title: string; region_id: string; status: string; starts_on: string; ends_on: string;
  /** Its last day is not past. */
  running: boolean;
  includes: boolean;
  covers: boolean;
}

/** A campaign as a round needs it checked: does it include the questionnaire and cover the school? */
export async function checkCampaign(db: Db, campaignId: string, instrumentId: string, schoolId: string): Promise<CampaignCheck | undefined> {
  return db.selectFrom("campaigns as c")
    .select([
      "c.id", "c.title", "c.region_id", "c.status", "c.starts_on", "c.ends_on",
      sql<boolean>`current_date <= c.ends_on`.as("running"),
      sql<boolean>`exists (select 1 from campaign_instruments ci where ci.campaign_id = c.id and ci.instrument_id = ${instrumentId})`.as("includes"),
      sql<boolean>`(
        (not exists (select 1 from campaign_municipalities x where x.campaign_id = c.id)
          and not exists (select 1 from campaign_schools x where x.campaign_id = c.id))
        or exists (select 1 from campaign_municipalities x join schools s on s.municipality_id = x.municipality_id where x.campaign_id = c.id and s.id = ${schoolId})
        or exists (select 1 from campaign_schools x where x.campaign_id = c.id and x.school_id = ${schoolId}))`.as("covers"),
    ])
    .where("c.id", "=", campaignId).executeTakeFirst();
}

/** The running campaign of a round, as the attempt flow needs it; none once the campaign is not running. */
export async function findRoundCampaign(db: Db, roundId: string): Promise<AssignedCampaign | undefined> {
  return db.selectFrom("climate_rounds as r").innerJoin("campaigns as c", "c.id", "r.campaign_id")
    .select(["c.id", "c.title", "c.wave", "c.status", "c.starts_on", "c.ends_on", sql<boolean>`current_date between c.starts_on and c.ends_on`.as("in_window")])
    .where("r.id", "=", roundId).where("c.status", "=", "active")
    .executeTakeFirst();
}

export interface NewRound { schoolId: string; campaignId: string; instrumentId: string; audience: Audience; classes: string[] }

/** A round keeps the day it was opened and nobody's name: see docs/climate.md. */
export async function insertRound(db: Db, r: NewRound): Promise<string> {
  const row = await db.insertInto("climate_rounds").values({
    school_id: r.schoolId, campaign_id: r.campaignId, instrument_id: r.instrumentId, audience: r.audience, classes: r.classes,
    created_by: null, created_at: sql<Date>`date_trunc('day', now())`,
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export interface RoundRow {
  id: string; school_id: string; campaign_id: string; instrument_id: string; audience: Audience; classes: string[];
  codes_issued: number; created_at: Date; closed_at: Date | null;
  /** The days as the database's calendar has them (the stored times are midnights of that calendar). */
  opened_on: string; closed_on: string | null;
  campaign_title: string; campaign_status: string; ends_on: string; campaign_running: boolean;
}

function selectRounds(db: Db) {
  return db.selectFrom("climate_rounds as r").innerJoin("campaigns as c", "c.id", "r.campaign_id")
    .select([
      "r.id", "r.school_id", "r.campaign_id", "r.instrument_id", "r.audience", "r.classes", "r.codes_issued", "r.created_at", "r.closed_at",
      sql<string>`to_char(r.created_at, 'YYYY-MM-DD')`.as("opened_on"), sql<string | null>`to_char(r.closed_at, 'YYYY-MM-DD')`.as("closed_on"),
      "c.title as campaign_title", "c.status as campaign_status", "c.ends_on",
      sql<boolean>`c.status = 'active' and current_date <= c.ends_on`.as("campaign_running"),
    ]);
}

/** The round, locked for the rest of the transaction when asked (two «more codes» at once take turns). */
export async function findRound(db: Db, id: string, lock = false): Promise<RoundRow | undefined> {
  let query = selectRounds(db).where("r.id", "=", id);
  if (lock) query = query.forUpdate("r");
  return query.executeTakeFirst() as Promise<RoundRow | undefined>;
}

export interface RoundCounts extends RoundRow { codes_used: number; started: number; submitted: number }

/** A school's rounds (or one round), newest first, with codes used and answers: counts only, one query. */
export async function listRounds(db: Db, by: { schoolId: string } | { roundId: string }): Promise<RoundCounts[]> {
  const rows = await selectRounds(db)
    .select([
      sql<number>`(select count(*)::int from access_codes a where a.round_id = r.id and a.used_at is not null)`.as("codes_used"),
      sql<number>`(select count(*)::int from attempts t where t.round_id = r.id)`.as("started"),
      sql<number>`(select count(*)::int from attempts t where t.round_id = r.id and t.status = 'submitted')`.as("submitted"),
    ])
    .where("schoolId" in by ? "r.school_id" : "r.id", "=", "schoolId" in by ? by.schoolId : by.roundId)
    .orderBy("r.created_at", "desc").orderBy("r.audience").orderBy("r.id")
    .execute();
  return rows as RoundCounts[];
}

export interface NewCode { codeHash: string; className: string | null }

/**
 * Stores the codes as digests only, each with its round and class; they expire when the campaign's
 * last day ends (midnight after it), and keep the day they were issued, nothing finer.
 */
export async function insertCodes(db: Db, round: { id: string; school_id: string; instrument_id: string; audience: string; ends_on: string }, codes: NewCode[]): Promise<void> {
  for (let i = 0; i < codes.length; i += 1000) {
    await db.insertInto("access_codes").values(codes.slice(i, i + 1000).map((c) => ({
      code_hash: c.codeHash, kind: "anonymous" as const, user_id: null, school_id: round.school_id, instrument_id: round.instrument_id,
      audience: round.audience, round_id: round.id, class_name: c.className,
      expires_at: sql<Date>`(${round.ends_on}::date + 1)::timestamptz`, created_at: sql<Date>`date_trunc('day', now())`,
    }))).execute();
  }
  const classes = [...new Set(codes.flatMap((c) => (c.className ? [c.className] : [])))];
  await db.updateTable("climate_rounds").set({
    codes_issued: sql<number>`codes_issued + ${codes.length}`,
    ...(classes.length ? { classes: sql<string[]>`array(select distinct unnest(classes || ${classes}::text[]) order by 1)` } : {}),
  }).where("id", "=", round.id).execute();
}

/** Codes of this round among the digests given, still unused and unexpired, with their class. */
export async function findUnusedCodes(db: Db, roundId: string, hashes: string[]): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await db.selectFrom("access_codes").select(["code_hash", "class_name"])
      .where("round_id", "=", roundId).where("code_hash", "in", hashes.slice(i, i + 1000))
      .where("used_at", "is", null).where("expires_at", ">", sql<Date>`now()`).execute();
    for (const r of rows) found.set(r.code_hash, r.class_name);
  }
  return found;
}

/** Closes a round: its unused codes stop working at once (they expire at the start of today). */
export async function closeRound(db: Db, id: string): Promise<void> {
  await db.updateTable("climate_rounds").set({ closed_at: sql<Date>`date_trunc('day', now())` }).where("id", "=", id).where("closed_at", "is", null).execute();
  await db.updateTable("access_codes").set({ expires_at: sql<Date>`date_trunc('day', now())` })
    .where("round_id", "=", id).where("used_at", "is", null).execute();
}
