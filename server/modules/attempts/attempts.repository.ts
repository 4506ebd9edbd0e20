// Every query of attempts: start, autosave, submission with its results, and reads.
import { sql, type Kysely } from "kysely";
import type { AttemptRow, Database } from "../../db/schema.js";
import type { ScoredResponse } from "../scoring/scorer.js";

export async function findAttempt(db: Kysely<Database>, id: string): Promise<AttemptRow | undefined> {
  return db.selectFrom("attempts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Locks the row for the rest of the transaction, so that two submissions cannot both score. */
export async function findAttemptForUpdate(db: Kysely<Database>, id: string): Promise<AttemptRow | undefined> {
  return db.selectFrom("attempts").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function findPersonAttempt(db: Kysely<Database>, userId: string, instrumentId: string, campaignId: string) {
  return db.selectFrom("attempts").selectAll()
    .where("user_id", "=", userId).where("instrument_id", "=", instrumentId).where("campaign_id", "=", campaignId)
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
}

/** Inserts unless the person already has one (a race of two starts); returns the new row or undefined. */
export async function insertAttempt(db: Kysely<Database>, v: NewAttemptValues): Promise<AttemptRow | undefined> {
  return db.insertInto("attempts").values({
    user_id: v.userId, respondent_key: v.respondentKey, school_id: v.schoolId, audience: v.audience,
    instrument_id: v.instrumentId, version: v.version, campaign_id: v.campaignId,
    started_at: sql<Date>`now()`, updated_at: sql<Date>`now()`,
    deadline_at: v.timeLimitMinutes ? sql<Date>`now() + make_interval(mins => ${v.timeLimitMinutes})` : null,
  }).onConflict((oc) => oc.columns(["user_id", "instrument_id", "campaign_id"]).where("user_id", "is not", null).doNothing())
    .returningAll().executeTakeFirst();
}

export async function saveAnswers(db: Kysely<Database>, id: string, data: Record<string, unknown>, currentPage: number): Promise<AttemptRow> {
  return db.updateTable("attempts")
    .set({ data: JSON.stringify(data), current_page: currentPage, updated_at: sql<Date>`now()` })
    .where("id", "=", id).where("status", "=", "in_progress")
    .returningAll().executeTakeFirstOrThrow();
}

export async function recordSubmission(db: Kysely<Database>, id: string, data: Record<string, unknown>, scored: ScoredResponse | null): Promise<AttemptRow> {
  const row = await db.updateTable("attempts").set({
    status: "submitted", data: JSON.stringify(data), submitted_at: sql<Date>`now()`, updated_at: sql<Date>`now()`,
    score: scored?.score ?? null, max_score: scored?.maxScore ?? null, percent: scored?.percent ?? null,
    item_scores: scored ? JSON.stringify(Object.fromEntries(scored.items.map((i) => [i.name, i.score]))) : null,
  }).where("id", "=", id).where("status", "=", "in_progress").returningAll().executeTakeFirstOrThrow();
  if (scored && scored.competencies.length) {
    await db.insertInto("competency_results").values(scored.competencies.map((c) => ({
      attempt_id: id, competency_id: c.id, score: c.score, max_score: c.maxScore, percent: c.percent, level: c.level, items: c.items,
    }))).execute();
  }
  return row;
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
