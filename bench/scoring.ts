// Scoring throughput: the pure scorer against survey-core's Model-based check on the same responses.
import { Model } from "survey-core";
import type { LoadedInstrument } from "../server/modules/instruments/registry.js";
import { registerOrientirProperties } from "../server/modules/instruments/survey-core-check.js";
import { questionsOf } from "../server/modules/instruments/survey-walk.js";
import { scoreResponse } from "../server/modules/scoring/scorer.js";
import { simulateAnswers } from "../server/modules/demo/demo-answers.js";
import { Rng } from "../server/modules/demo/demo-region.js";

export interface Throughput { perSecond: number; count: number; seconds: number }

export function makeResponses(loaded: LoadedInstrument, count: number, seed = 7): Array<Record<string, unknown>> {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => simulateAnswers(loaded.definition, loaded.answerKey, rng.normal(), rng));
}

/** Runs `work` over and over for at least `minSeconds`; returns responses scored per second. */
async function measure(responses: Array<Record<string, unknown>>, minSeconds: number, work: (r: Record<string, unknown>) => number): Promise<Throughput> {
  let count = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    for (const response of responses) {
      sink += work(response);
      count++;
      // Model-heavy loops must let the event loop breathe, or garbage piles up (STACK.md).
      if (count % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  if (Number.isNaN(sink)) throw new Error("unreachable: keeps the work from being optimised away");
  return { perSecond: count / elapsed, count, seconds: elapsed };
}

export async function benchScoring(loaded: LoadedInstrument, responses: Array<Record<string, unknown>>, minSeconds = 2) {
  registerOrientirProperties();
  const points = new Map(questionsOf(loaded.definition.survey).map((q) => [q.name, typeof q.points === "number" ? q.points : 1]));
  const pure = await measure(responses, minSeconds, (r) => scoreResponse(loaded.answerKey, r).score);
  // survey-core's way: a Model per response, each keyed question checked with isAnswerCorrect().
  const model = await measure(responses, minSeconds, (r) => {
    const survey = new Model(loaded.definition.survey);
    survey.data = r;
    let score = 0;
    for (const question of survey.getAllQuestions()) {
      if (question.correctAnswer !== undefined && question.isAnswerCorrect()) score += points.get(question.name) ?? 1;
    }
    survey.dispose();
    return score;
  });
  return { pure, model, ratio: pure.perSecond / model.perSecond };
}
