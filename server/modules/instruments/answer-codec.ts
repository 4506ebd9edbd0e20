// Opaque choice values for rankings: what the respondent's browser sees cannot spell out the key. Pure.
import type { InstrumentDefinition } from "./instrument.types.js";
import { hashString } from "../../shared/random.js";
import { itemValues, questionsOf } from "./survey-walk.js";

/*
 * A ranking's key is an order of its choice values. Authors name values "a", "b", "c" in key order,
 * so even shuffled on screen, the values themselves would tell the order to anyone reading the page.
 * Served rankings therefore carry tokens derived from the instrument, question and value; answers
 * are translated back before they are stored or scored, and forth when an attempt is resumed.
 */
export interface AnswerCodec {
  /** The served token of a ranking choice value (the value itself for anything else). */
  served(question: string, value: unknown): unknown;
  /** Answers as the browser sent them → answers in the file's own values. */
  toStored(data: Record<string, unknown>): Record<string, unknown>;
  /** Stored answers → answers in the values the browser knows. */
  toServed(data: Record<string, unknown>): Record<string, unknown>;
}

export function buildAnswerCodec(def: InstrumentDefinition): AnswerCodec {
  const toToken = new Map<string, Map<string, string>>();
  const fromToken = new Map<string, Map<string, unknown>>();
  for (const q of questionsOf(def.survey)) {
    if (q.type !== "ranking") continue;
    const forward = new Map<string, string>();
    const backward = new Map<string, unknown>();
    for (const value of itemValues(q.choices)) {
      const token = `r${hashString(`${def.id}/${def.version}/${q.name}/${String(value)}`).toString(36)}`;
      forward.set(String(value), token);
      backward.set(token, value);
    }
    toToken.set(q.name, forward);
    fromToken.set(q.name, backward);
  }
  const translate = (data: Record<string, unknown>, maps: Map<string, Map<string, unknown>>) => {
    const out: Record<string, unknown> = {};
    for (const [name, answer] of Object.entries(data)) {
      const map = maps.get(name);
      // An unknown token stays as sent: the scorer then gives it nothing.
      out[name] = map && Array.isArray(answer) ? answer.map((v) => (map.has(String(v)) ? map.get(String(v)) : v)) : answer;
    }
    return out;
  };
  return {
    served: (question, value) => toToken.get(question)?.get(String(value)) ?? value,
    toStored: (data) => translate(data, fromToken),
    toServed: (data) => translate(data, toToken as Map<string, Map<string, unknown>>),
  };
}
