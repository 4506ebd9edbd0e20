// Who does what when on the simulated exam day: a seeded schedule for every teacher and the probes. Pure.
import { seededRandom } from "./answers.js";
import { openingSecond, type LoadOptions } from "./profiles.js";
import type { TakerPlan } from "./taker.js";

export interface Credential { login?: string; password?: string; code?: string }

/** Probes: a few teachers who save every two seconds from the first minute to the calm after the exam. */
export const PROBES = 10;
const PROBE_EVERY_MS = 2000;
/** Enough think times for any instrument's pages. */
const MAX_PAGES = 20;

/** The first `PROBES` credentials are the probes'; the rest are the exam's takers. */
export function buildPlans(options: LoadOptions, credentials: readonly Credential[], seed = 9): TakerPlan[] {
  const random = seededRandom(seed);
  const opening = openingSecond(options) * 1000;
  return credentials.map((credential, index) => {
    const probe = index < PROBES;
    const thinkMs = Array.from({ length: MAX_PAGES }, () =>
      Math.round((options.thinkMinSeconds + random() * (options.thinkMaxSeconds - options.thinkMinSeconds)) * options.thinkScale * 1000));
    return {
      index, ...credential,
      signInAt: probe ? index * 100 : Math.round(random() * options.signInSeconds * 1000),
      openAt: probe ? 0 : Math.round(opening + random() * options.openJitterSeconds * 1000),
      thinkMs, seed: seed * 1_000_003 + index,
      ...(probe ? { probeEveryMs: PROBE_EVERY_MS } : {}),
    };
  });
}
