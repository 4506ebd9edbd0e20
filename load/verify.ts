// The count after the run: every answer and submission the server acknowledged is in the database, none twice.
import { sql, type Kysely } from "kysely";
import type { Database } from "../server/db/schema.js";
import type { AnswerCodec } from "../server/modules/instruments/answer-codec.js";
import { canonical } from "./answers.js";
import { LOAD_CAMPAIGN } from "./seed-region.js";
import type { TakerOutcome } from "./taker.js";

export interface Verification {
  attemptsAcknowledged: number;
  answersAcknowledged: number;
  answersFound: number;
  answersLost: number;
  submissionsAcknowledged: number;
  submissionsFound: number;
  submissionsLost: number;
  /** Rows that exist more than once where one is allowed: attempts per teacher, results per competency. */
  duplicateAttempts: number;
  duplicateResults: number;
  /** Submitted attempts without their competency results, or with a count that differs from the instrument's. */
  incompleteResults: number;
  /** Examples of what was lost, for the report. */
  examples: string[];
}

/**
 * Per teacher: the answers of their last acknowledged save must all be in the attempt's row with the
 * same values, unless a later acknowledged submission replaced them (then the submission's answers are
 * the yardstick); an acknowledged submission must have left the row submitted with exactly its answers.
 */
export async function verifyRun(db: Kysely<Database>, outcomes: readonly TakerOutcome[], codec: AnswerCodec, competencies: number): Promise<Verification> {
  const rows = await db.selectFrom("attempts").select(["id", "user_id", "status", "data"]).where("campaign_id", "=", LOAD_CAMPAIGN).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const v: Verification = {
    attemptsAcknowledged: 0, answersAcknowledged: 0, answersFound: 0, answersLost: 0,
    submissionsAcknowledged: 0, submissionsFound: 0, submissionsLost: 0, duplicateAttempts: 0, duplicateResults: 0, incompleteResults: 0, examples: [],
  };
  const lose = (text: string) => { if (v.examples.length < 10) v.examples.push(text); };

  for (const outcome of outcomes) {
    if (!outcome.attemptId) continue;
    v.attemptsAcknowledged++;
    const row = byId.get(outcome.attemptId);
    const expected = outcome.submitted ?? outcome.saved;
    if (expected) {
      const stored = codec.toStored(expected);
      for (const [question, value] of Object.entries(stored)) {
        v.answersAcknowledged++;
        const found = row?.data[question];
        if (found !== undefined && canonical(found) === canonical(value)) v.answersFound++;
        else { v.answersLost++; lose(`attempt ${outcome.attemptId}: ${question} sent ${canonical(value)}, stored ${found === undefined ? "nothing" : canonical(found)}`); }
      }
    }
    if (outcome.submitted) {
      v.submissionsAcknowledged++;
      const exact = row?.status === "submitted" && canonical(row.data) === canonical(codec.toStored(outcome.submitted));
      if (exact) v.submissionsFound++;
      else { v.submissionsLost++; lose(`attempt ${outcome.attemptId}: submission acknowledged, row is ${row ? row.status : "missing"}`); }
    }
  }

  const twice = await db.selectFrom("attempts").select([sql<number>`count(*)`.as("n")])
    .where("campaign_id", "=", LOAD_CAMPAIGN).groupBy(["user_id", "instrument_id"]).having(sql`count(*)`, ">", 1).execute();
  v.duplicateAttempts = twice.reduce((sum, r) => sum + Number(r.n) - 1, 0);
  const results = await db.selectFrom("attempts as a").leftJoin("competency_results as r", "r.attempt_id", "a.id")
    .select(["a.id", sql<number>`count(r.competency_id)`.as("n"), sql<number>`count(distinct r.competency_id)`.as("distinct_n")])
    .where("a.campaign_id", "=", LOAD_CAMPAIGN).where("a.status", "=", "submitted").groupBy("a.id").execute();
  for (const r of results) {
    v.duplicateResults += Number(r.n) - Number(r.distinct_n);
    if (Number(r.distinct_n) !== competencies) v.incompleteResults++;
  }
  return v;
}

export const lostNothing = (v: Verification) =>
  v.answersLost === 0 && v.submissionsLost === 0 && v.duplicateAttempts === 0 && v.duplicateResults === 0 && v.incompleteResults === 0;
