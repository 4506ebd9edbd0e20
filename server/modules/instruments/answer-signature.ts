// What of an instrument version stored answers depend on: names, values, keys, scales. Pure.
import { createHash } from "node:crypto";
import { compileAnswerKey } from "../scoring/answer-key.js";
import type { InstrumentDefinition } from "./instrument.types.js";
import { itemValues, questionsOf } from "./survey-walk.js";

/**
 * Two definitions with the same signature read and score every stored answer the same way, so
 * one may replace the other within a version (a typo fixed in a title or an explanation). Any
 * other change (a key, a choice value, points, a scale) needs a new version.
 */
export function answerSignature(def: InstrumentDefinition): string {
  const questions = questionsOf(def.survey).map((q) => [
    q.name, q.type, itemValues(q.choices), itemValues(q.rows), itemValues(q.columns),
  ]);
  const key = compileAnswerKey(def, []);
  const scoring = { levels: key.levels, items: key.items, scales: def.scales ?? null, bands: def.bands ?? null };
  return createHash("sha256").update(JSON.stringify({ questions, scoring })).digest("hex");
}
