// Every query of attempts: start, autosave, submission with its results, and reads.
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { AttemptRow, Database } from "../../db/schema.js";
import type { ScoredResponse } from "../scoring/scorer.js";

export async function findAttempt(db: Kysely<Database>, id: string): Promise<AttemptRow | undefined> {
  return db.selectFrom("attempts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Locks the row for the rest of the transaction, so that a save cannot interleave with a submission. */
export async function findAttemptForUpdate(db: Kysely<Database>, id: string): Promise<AttemptRow | undefined> {
  return db.selectFrom("attempts").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
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
const rowNow = sql<Date>`case when attempts.user_id is null then date_trunc('day', now()) else now() end`;

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
const campaignOpen = sql<boolean>`exists (select 1 from campaigns c where c.id = attempts.campaign_id and c.status = 'active' and current_date <= c.ends_on)`;

/** Saves answers unless the attempt was submitted or its campaign closed meanwhile; undefined then. */
export async function saveAnswers(db: Kysely<Database>, id: string, data: Record<string, unknown>, currentPage: number): Promise<AttemptRow | undefined> {
  return db.updateTable("attempts")
    .set({ data: JSON.stringify(data), current_page: currentPage, updated_at: rowNow })
    .where("id", "=", id).where("status", "=", "in_progress").where(campaignOpen)
    .returningAll().executeTakeFirst();
}

/**
 * Marks the attempt submitted and writes its competency results in ONE statement (atomic on its
 * own, two round trips fewer than BEGIN…COMMIT). Returns undefined when the attempt was no longer
 * in progress (a concurrent submission won, and its result stands) or its campaign has just closed.
 */
export async function recordSubmission(
  db: Kysely<Database>, id: string, data: Record<string, unknown>, scored: ScoredResponse | null,
  /** A data-modifying statement over the submitted row `updated` that belongs with it (a mentor's notification). */
  also: RawBuilder<unknown> | null = null,
): Promise<AttemptRow | undefined> {
  const itemScores = scored ? JSON.stringify(Object.fromEntries(scored.items.map((i) => [i.name, i.score]))) : null;
  const update = sql`update attempts set status = 'submitted', data = ${JSON.stringify(data)}::jsonb, submitted_at = ${rowNow}, updated_at = ${rowNow},
      score = ${scored?.score ?? null}::float8, max_score = ${scored?.maxScore ?? null}::float8, percent = ${scored?.percent ?? null}::float8,
      item_scores = ${itemScores}::jsonb
    where id = ${id} and status = 'in_progress' and ${campaignOpen} returning *`;
  const results = scored?.competencies ?? [];
  // The results travel as one JSON parameter: one value to bind and plan instead of six per row.
  const rows = JSON.stringify(results.map((c) => ({
    competency_id: c.id, score: c.score, max_score: c.maxScore, percent: c.percent, level: c.level, items: c.items,
  })));
  const extra = also ? sql`, also_written as (${also})` : sql``;
  const query = results.length === 0
    ? sql<AttemptRow>`with updated as (${update})${extra} select * from updated`
    : sql<AttemptRow>`with updated as (${update})${extra},
        written as (
          insert into competency_results (attempt_id, competency_id, score, max_score, percent, level, items)
          select updated.id, r.competency_id, r.score, r.max_score, r.percent, r.level, r.items
          from updated, jsonb_to_recordset(${rows}::jsonb)
            as r(competency_id text, score float8, max_score float8, percent float8, level text, items int)
          returning 1)
        select * from updated`;
  return (await query.execute(db)).rows[0];
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
