// Every query of attempts: start, autosave, submission with its results, and reads.
import { CompiledQuery, sql, type Kysely, type RawBuilder } from "kysely";
import type { AttemptRow, CampaignRow, Database, Role } from "../../db/schema.js";
import type { ScoredResponse } from "../scoring/scorer.js";
import { executePrepared } from "../../db/prepared-statement.js";

export async function findAttempt(db: Kysely<Database>, id: string): Promise<AttemptRow | undefined> {
  return db.selectFrom("attempts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** What an attempt is and whose: set when it starts and never changed, so a process may keep it. */
export type AttemptFacts = Pick<AttemptRow, "instrument_id" | "version" | "user_id" | "respondent_key" | "started_at" | "deadline_at">;

const FACTS = "select instrument_id, version, user_id, respondent_key, started_at, deadline_at from attempts where id = $1::uuid";

/** Read once per attempt and process (on its first save or submit there), so prepared like the writes. */
export async function findAttemptFacts(db: Kysely<Database>, id: string): Promise<AttemptFacts | undefined> {
  return (await executePrepared(db, CompiledQuery.raw(FACTS, [id]) as CompiledQuery<AttemptFacts>))[0];
}

/** The attempt with the state of its campaign: why a guarded write below wrote nothing. */
export type AttemptWithCampaign = AttemptRow & { campaign_status: CampaignRow["status"]; campaign_ends_on: string; campaign_open: boolean };

export async function findAttemptWithCampaign(db: Kysely<Database>, id: string): Promise<AttemptWithCampaign | undefined> {
  return db.selectFrom("attempts as a").innerJoin("campaigns as c", "c.id", "a.campaign_id").selectAll("a")
    .select(["c.status as campaign_status", "c.ends_on as campaign_ends_on", sql<boolean>`c.status = 'active' and current_date <= c.ends_on`.as("campaign_open")])
    .where("a.id", "=", id).executeTakeFirst();
}

export async function findPersonAttempt(db: Kysely<Database>, userId: string, instrumentId: string, campaignId: string) {
  return db.selectFrom("attempts").selectAll()
    .where("user_id", "=", userId).where("instrument_id", "=", instrumentId).where("campaign_id", "=", campaignId)
    .executeTakeFirst();
}

/** An anonymous respondent's attempt, found by the digest of its session's random id. */
export async function findRespondentAttempt(db: Kysely<Database>, respondentKey: string, instrumentId: string, campaignId: string) {
  return db.selectFrom("attempts").selectAll()
    .where("respondent_key", "=", respondentKey).where("instrument_id", "=", instrumentId).where("campaign_id", "=", campaignId)
    .executeTakeFirst();
}

export interface NewAttemptValues {
  userId: string | null;
  respondentKey: string | null;
  schoolId: string | null;
  audience: string;
  instrumentId: string;
  version: number;
  campaignId: string;
  timeLimitMinutes: number | undefined;
  /** Anonymous answers: the climate round and class of the code; never a person. */
  roundId?: string | null;
  className?: string | null;
}

/** An anonymous answer keeps its times to the day: a minute could be matched to who was at a computer then. */
const anonymousNow = sql<Date>`date_trunc('day', now())`;
/** In UPDATEs of either kind of row: the day for anonymous ones, the moment for a person's. */
const ROW_NOW = "case when attempts.user_id is null then date_trunc('day', now()) else now() end";
const rowNow = sql<Date>`${sql.raw(ROW_NOW)}`;

/** Inserts unless the person already has one (a race of two starts); returns the new row or undefined. */
export async function insertAttempt(db: Kysely<Database>, v: NewAttemptValues): Promise<AttemptRow | undefined> {
  const anonymous = v.userId === null;
  return db.insertInto("attempts").values({
    user_id: v.userId, respondent_key: v.respondentKey, school_id: v.schoolId, audience: v.audience,
    instrument_id: v.instrumentId, version: v.version, campaign_id: v.campaignId,
    started_at: anonymous ? anonymousNow : sql<Date>`now()`, updated_at: anonymous ? anonymousNow : sql<Date>`now()`,
    // No clock for anonymous questionnaires: a deadline would store the minute of the start.
    deadline_at: v.timeLimitMinutes && !anonymous ? sql<Date>`now() + make_interval(mins => ${v.timeLimitMinutes})` : null,
    ...(anonymous ? { round_id: v.roundId ?? null, class_name: v.className ?? null } : {}),
  }).onConflict((oc) => oc.columns(["user_id", "instrument_id", "campaign_id"]).where("user_id", "is not", null).doNothing())
    .returningAll().executeTakeFirst();
}

/** The attempt's campaign takes answers: running, and its last day not past (checked in the writing statement itself). */
const CAMPAIGN_OPEN = "exists (select 1 from campaigns c where c.id = attempts.campaign_id and c.status = 'active' and current_date <= c.ends_on)";
const campaignOpen = sql<boolean>`${sql.raw(CAMPAIGN_OPEN)}`;

/** Who writes an attempt: its person, or the anonymous respondent whose key it carries. */
export type Owner = { userId: string } | { respondentKey: string };
const ownedBy = (o: Owner) => ("userId" in o ? sql`user_id = ${o.userId}::uuid` : sql`respondent_key = ${o.respondentKey}::text`);

/** Time left: no limit, or the deadline not more than the grace ago (`cutoff` = now − grace, the server's clock). */
const inTime = (cutoff: Date) => sql`(deadline_at is null or deadline_at >= ${cutoff.toISOString()}::timestamptz)`;

/** What a view of the attempt needs, nothing more. */
export type AttemptViewRow = Pick<AttemptRow, "id" | "instrument_id" | "version" | "status" | "data" | "current_page" | "started_at" | "submitted_at" | "deadline_at">;

/** What an autosave reads back: the rest of its view is known (the facts with their times, the answers just written, in progress). */
export type SavedRow = Pick<AttemptRow, "current_page">;

/** Autosave's statement by kind of owner: its text is fixed, so it is written out once ($1 id, $2 owner, $3 answers, $4 page or null, $5 cutoff). */
const saveStatement = (owner: "user_id = $2::uuid" | "respondent_key = $2::text") => `update attempts
  set data = $3::jsonb, current_page = coalesce($4::int, current_page), updated_at = ${ROW_NOW}
  where id = $1::uuid and ${owner} and status = 'in_progress' and (deadline_at is null or deadline_at >= $5::timestamptz) and ${CAMPAIGN_OPEN}
  returning current_page`;
const SAVE_BY_PERSON = saveStatement("user_id = $2::uuid");
const SAVE_BY_RESPONDENT = saveStatement("respondent_key = $2::text");

/**
 * Autosave as ONE guarded statement, the rule in its WHERE: the owner's, in progress, in time, its
 * campaign open. No transaction and no row read first: a save racing a submission either lands
 * before it or matches nothing, and concurrent saves of one attempt wait only for each other's
 * UPDATE. Undefined when it wrote nothing; then `findAttemptWithCampaign` says why.
 */
export async function saveAnswers(
  db: Kysely<Database>, id: string, owner: Owner, dataJson: string, currentPage: number | undefined, cutoff: Date,
): Promise<SavedRow | undefined> {
  const [text, who] = "userId" in owner ? [SAVE_BY_PERSON, owner.userId] : [SAVE_BY_RESPONDENT, owner.respondentKey];
  const [saved] = await executePrepared(db, CompiledQuery.raw(text, [id, who, dataJson, currentPage ?? null, cutoff.toISOString()]) as CompiledQuery<SavedRow>);
  return saved;
}

/** The submitted row, with what the result's course advice needs of its owner (read by the same statement). */
export type SubmittedRow = AttemptViewRow & Pick<AttemptRow, "score" | "max_score" | "percent" | "user_id"> & { owner_roles: Role[] | null; owner_subjects: string[] | null };

/**
 * Marks the attempt submitted and writes its competency results in ONE statement (atomic on its
 * own, two round trips fewer than BEGIN…COMMIT), guarded like an autosave; with `cutoff` null, past
 * the time too (the answers saved in time are being scored). Returns undefined when it wrote nothing:
 * a concurrent submission won (its result stands), the campaign has just closed, or time ran out.
 */
export async function recordSubmission(
  db: Kysely<Database>, id: string, owner: Owner, dataJson: string, scored: ScoredResponse | null, cutoff: Date | null,
  /** One more data-modifying CTE over `updated`, written in the same statement (the mentor's wave notification). */
  also: RawBuilder<unknown> | null = null,
): Promise<SubmittedRow | undefined> {
  const itemScores = scored ? JSON.stringify(Object.fromEntries(scored.items.map((i) => [i.name, i.score]))) : null;
  const update = sql`update attempts set status = 'submitted', data = ${dataJson}::jsonb, submitted_at = ${rowNow}, updated_at = ${rowNow},
      score = ${scored?.score ?? null}::float8, max_score = ${scored?.maxScore ?? null}::float8, percent = ${scored?.percent ?? null}::float8,
      item_scores = ${itemScores}::jsonb
    where id = ${id}::uuid and ${ownedBy(owner)} and status = 'in_progress' and ${cutoff ? inTime(cutoff) : sql`true`} and ${campaignOpen} returning *`;
  const results = scored?.competencies ?? [];
  // The results travel as one JSON parameter: one value to bind and plan instead of six per row.
  const rows = JSON.stringify(results.map((c) => ({
    competency_id: c.id, score: c.score, max_score: c.maxScore, percent: c.percent, level: c.level, items: c.items,
  })));
  const extra = also ? sql`, also_written as (${also})` : sql``;
  const written = results.length === 0 ? sql`` : sql`,
        written as (
          insert into competency_results (attempt_id, competency_id, score, max_score, percent, level, items)
          select updated.id, r.competency_id, r.score, r.max_score, r.percent, r.level, r.items
          from updated, jsonb_to_recordset(${rows}::jsonb)
            as r(competency_id text, score float8, max_score float8, percent float8, level text, items int)
          returning 1)`;
  // The owner's roles and subjects as findPersonById reads them, so the answer needs no second query.
  const query = sql<SubmittedRow>`with updated as (${update})${written}${extra}
    select updated.id, updated.instrument_id, updated.version, updated.status, updated.data, updated.current_page, updated.started_at,
      updated.submitted_at, updated.deadline_at, updated.score, updated.max_score, updated.percent, updated.user_id,
      (select coalesce(array_agg(r.role order by r.role), '{}') from user_roles r where r.user_id = updated.user_id) as owner_roles,
      (select u.subjects from users u where u.id = updated.user_id) as owner_subjects
    from updated`;
  return (await executePrepared(db, query))[0];
}

/** A teacher's subjects: what decides which subject tests they may open. */
export async function findSubjects(db: Kysely<Database>, userId: string): Promise<string[] | undefined> {
  return (await db.selectFrom("users").select("subjects").where("id", "=", userId).executeTakeFirst())?.subjects;
}

export async function findCompetencyResults(db: Kysely<Database>, attemptId: string) {
  return db.selectFrom("competency_results as r").innerJoin("competencies as c", "c.id", "r.competency_id")
    .select(["r.competency_id as id", "c.title", "r.score", "r.max_score", "r.percent", "r.level", "r.items"])
    .where("r.attempt_id", "=", attemptId).execute();
}

/** The person's attempts in a campaign, for the list of instruments with their state. */
export async function findPersonAttemptsInCampaign(db: Kysely<Database>, userId: string, campaignId: string) {
  return db.selectFrom("attempts").select(["id", "instrument_id", "status", "submitted_at", "percent", "deadline_at"])
    .where("user_id", "=", userId).where("campaign_id", "=", campaignId).execute();
}
