// Demo: how a pilot teacher's ability moved between waves, per competency, and their retest's answers. Pure.
import { simulateAnswers } from "../demo/demo-answers.js";
import { Rng } from "../demo/demo-region.js";
import type { LoadedInstrument } from "../instruments/registry.js";
import { scoreResponse } from "../scoring/scorer.js";

/**
 * The ability at which the demo's own simulation scores what the person scored: bisection over the
 * mean of a few simulated attempts scored by the real scorer (partial credit included), with the same
 * draws at every step so that the mean rises with ability.
 */
export function abilityFor(loaded: LoadedInstrument, observedPercent: number, seed: number): number {
  const meanPercent = (ability: number) => {
    const rng = new Rng(seed);
    let sum = 0;
    for (let i = 0; i < DRAWS; i++) sum += scoreResponse(loaded.answerKey, simulateAnswers(loaded.definition, loaded.answerKey, ability, rng)).percent;
    return sum / DRAWS;
  };
  let low = -4;
  let high = 4;
  for (let i = 0; i < 16; i++) {
    const mid = (low + high) / 2;
    if (meanPercent(mid) < observedPercent) low = mid; else high = mid;
  }
  return (low + high) / 2;
}
const DRAWS = 6;

export interface Support {
  /** A current mentor for most of the time between the waves. */
  mentored: boolean;
  /** Competencies the courses taken between the waves address. */
  coursed: ReadonlySet<string>;
}

/**
 * The ability per competency at the retest. Everyone drifts a little (some decline: a heavy year);
 * a mentor lifts a little everywhere and more on the person's deficits; a course lifts most on the
 * deficits and weak spots it addresses. The gains are in logits of the 2PL: +1.5 takes a teacher
 * from about a quarter of a topic's points to about two thirds.
 */
export function retestAbilities(base: number, input: ReadonlyMap<string, number>, support: Support, rng: Rng): Map<string, number> {
  const heavyYear = rng.chance(0.12) ? -0.7 : 0;
  const drift = 0.05 + 0.25 * rng.normal() + heavyYear + (support.mentored ? 0.2 : 0);
  const out = new Map<string, number>();
  for (const [competency, percent] of input) {
    let gain = drift + 0.15 * rng.normal();
    if (support.mentored && percent < 50) gain += 0.3 + 0.8 * rng.float();
    if (support.coursed.has(competency) && percent < 75) gain += 0.6 + 1.2 * rng.float();
    out.set(competency, base + Math.min(2.4, gain));
  }
  return out;
}

/** The retest's answers: each competency's items answered at that competency's ability. */
export function retestAnswers(loaded: LoadedInstrument, abilities: ReadonlyMap<string, number>, fallback: number, rng: Rng): Record<string, unknown> {
  const key = loaded.answerKey;
  const answers: Record<string, unknown> = {};
  for (const { id } of key.competencies) {
    const items = key.items.filter((i) => i.competency === id);
    Object.assign(answers, simulateAnswers(loaded.definition, { ...key, items }, abilities.get(id) ?? fallback, rng));
  }
  return answers;
}
