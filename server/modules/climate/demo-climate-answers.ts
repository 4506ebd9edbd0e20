// Plausible answers to a climate questionnaire for the demo: a school's level per scale, people around it. Pure.
import { hashString } from "../../shared/random.js";
import type { InstrumentDefinition } from "../instruments/instrument.types.js";
import type { Rng } from "../demo/demo-region.js";

/** Where a school stands on each scale, in Likert steps around «скорее согласен» (0 is a middling school). */
export type SchoolLevels = Record<string, number>;

/**
 * A school's levels: the programme's schools in unfavourable conditions or with low results stand
 * lower, every school has a scale or two that is its own trouble, and a few are simply worse.
 */
export function schoolLevels(def: InstrumentDefinition, school: { id: string; lowResults: boolean; unfavourable: boolean }, rng: Rng): SchoolLevels {
  const base = (school.unfavourable ? -0.35 : 0) + (school.lowResults ? -0.2 : 0) + rng.normal() * 0.3 + (rng.chance(0.12) ? -0.45 : 0);
  const scales = def.scales ?? [];
  const troubled = new Set([rng.pick(scales)?.id, rng.chance(0.5) ? rng.pick(scales)?.id : undefined]);
  return Object.fromEntries(scales.map((s) => {
    // Some scales run lower across the region (the same everywhere: a property of the scale).
    const scaleShift = ((hashString(`${def.id}/${s.id}`) % 100) / 100 - 0.5) * 0.5;
    return [s.id, base + scaleShift + (troubled.has(s.id) ? -0.6 : 0) + rng.normal() * 0.15];
  }));
}

/** One respondent's answers: Likert 1…4 (reversed items the other way round), some «затрудняюсь», some skipped. */
export function simulateClimateAnswers(def: InstrumentDefinition, levels: SchoolLevels, rng: Rng, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const person = rng.normal() * 0.55;
  const answers: Record<string, unknown> = { ...extra };
  for (const scale of def.scales ?? []) {
    const reversed = new Set(scale.reversed);
    const mood = person + (levels[scale.id] ?? 0) + rng.normal() * 0.3;
    for (const item of scale.items) {
      const roll = rng.float();
      if (roll < 0.02) continue;
      if (roll < 0.06) { answers[item] = "na"; continue; }
      const value = Math.min(4, Math.max(1, Math.round(3.25 + mood + rng.normal() * 0.55)));
      answers[item] = reversed.has(item) ? 5 - value : value;
    }
  }
  return answers;
}

/** The demographic question of each questionnaire, answered plausibly (students by their class's grade). */
export function demographics(def: InstrumentDefinition, rng: Rng, className: string | null): Record<string, unknown> {
  if (def.audience.includes("teacher")) return { "experience-band": rng.pick(["lt3", "3-10", "3-10", "11-20", "gt20", "gt20"]) };
  const grade = className ? Number(/^\d+/.exec(className)?.[0]) : 0;
  if (def.audience.includes("student")) return { "grade-band": grade >= 10 ? "10-11" : grade >= 7 ? "7-9" : "5-6" };
  return { "grade-band": rng.pick(["1-4", "5-6", "7-9", "7-9", "10-11"]) };
}
