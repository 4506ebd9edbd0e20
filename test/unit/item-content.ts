// What no answer about results may contain: the items' names, texts, choices, keys, accepted answers and explanations.
import type { SurveyElementJson } from "../../server/modules/instruments/instrument.types.js";

/** Every string of the questions' content, trimmed; item names included (a name could point to a leaked key). */
export function forbiddenTexts(questions: readonly SurveyElementJson[]): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string" || typeof v === "number") { const s = String(v).trim(); if (s) out.add(s); }
    else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) { add(k); add(x); }
  };
  for (const q of questions) {
    for (const key of ["name", "title", "description", "explanation", "correctAnswer", "acceptedAnswers", "choices", "rows", "columns", "choiceScores"] as const) add(q[key]);
  }
  return out;
}

/** The forbidden strings found in a value: as a whole string anywhere, or (four characters and longer) inside one. */
export function leaks(value: unknown, forbidden: ReadonlySet<string>): string[] {
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) { strings.push(k); walk(x); }
  };
  walk(value);
  const found = new Set<string>();
  for (const s of strings) for (const f of forbidden) if (s === f || (f.length >= 4 && s.includes(f))) found.add(f);
  return [...found];
}
