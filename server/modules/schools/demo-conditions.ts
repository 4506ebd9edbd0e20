// Demo conditions cards: a principal's plausible answers, worse where the school is rural, low-result or unfavourable. Pure.
import type { Rng } from "../demo/demo-region.js";

export interface DemoCardSchool {
  locality: "city" | "town" | "rural";
  students: number | null;
  lowResults: boolean;
  unfavourable: boolean;
  highResults: boolean;
  clusters: readonly string[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const one = (x: number) => Math.round(x * 10) / 10;

/**
 * How hard the school's context is, 0–1: the locality sets the base (rural schools carry more of the
 * programme's risks), the region's flags move it, a little noise keeps schools apart.
 */
export function demoDisadvantage(s: DemoCardSchool, rng: Rng): number {
  const base = s.locality === "rural" ? 0.5 : s.locality === "town" ? 0.32 : 0.15;
  return clamp(base + (s.unfavourable ? 0.28 : 0) + (s.lowResults ? 0.14 : 0) - (s.highResults ? 0.12 : 0) + rng.normal() * 0.1, 0, 1);
}

const SPECIALISTS = ["psychologist", "speech-therapist", "defectologist", "social-pedagogue", "tutor"] as const;
/** How common each specialist is in a school's staff, before the context lowers it. */
const SPECIALIST_BASE: Record<(typeof SPECIALISTS)[number], number> = {
  psychologist: 0.95, "speech-therapist": 0.8, defectologist: 0.45, "social-pedagogue": 0.9, tutor: 0.4,
};

/** The answers of school-conditions v1, as SurveyJS stores them (numbers, arrays of values, booleans). */
export function demoConditionsAnswers(s: DemoCardSchool, d: number, rng: Rng): Record<string, unknown> {
  const students = s.students ?? (s.locality === "rural" ? 150 : s.locality === "town" ? 450 : 800);
  const teachers = Math.max(6, Math.round(students / (s.locality === "rural" ? 9 : 14)) + rng.int(1, 4));
  const answers: Record<string, unknown> = {
    "sc-teachers": teachers,
    "sc-vacancies": Math.max(0, Math.round((rng.normal() * 0.7 + 3.2 * d - 0.6) * 2) / 2),
    "sc-out-of-specialty": Math.round(teachers * clamp(0.03 + 0.28 * d + rng.normal() * 0.05, 0, 0.6)),
    "sc-share-under-35": one(clamp(26 - 14 * d + rng.normal() * 6, 2, 60)),
    "sc-share-over-60": one(clamp(10 + 20 * d + rng.normal() * 6, 0, 55)),
    "sc-teachers-left": Math.round(teachers * clamp(0.05 + 0.13 * d + rng.normal() * 0.03, 0, 0.4)),
  };
  answers["sc-teachers-hired"] = Math.max(0, (answers["sc-teachers-left"] as number) + rng.int(-2, 1));

  const present = SPECIALISTS.filter((k) => rng.chance(clamp(SPECIALIST_BASE[k] - 0.55 * d, 0.05, 0.98)));
  answers["sc-specialists"] = present.length ? [...present] : ["none"];
  for (const k of SPECIALISTS) {
    if (present.includes(k)) continue;
    const roll = rng.float();
    answers[`sc-network-${k}`] = roll < 0.45 - 0.3 * d ? "regular" : roll < 0.75 - 0.2 * d ? "occasional" : "none";
  }

  answers["sc-internet-mbps"] = s.locality === "city" ? rng.pick([100, 100, 200]) : rng.pick(d > 0.55 ? [10, 20, 30, 50] : [50, 50, 100]);
  answers["sc-computers"] = Math.round(students * clamp(0.2 - 0.13 * d + rng.normal() * 0.03, 0.03, 0.4));
  const labs = clamp(Math.round(3 - 3.4 * d + rng.normal() * 0.7), 0, 3);
  answers["sc-science-labs"] = labs === 0 ? ["none"] : ["physics", "chemistry", "biology"].slice(0, labs);
  const ladder = <T>(options: readonly T[]) => options[clamp(Math.floor(d * options.length + rng.normal() * 0.6), 0, options.length - 1)]!;
  answers["sc-library"] = ladder(["reading-room-online", "reading-room", "lending-only", "none"] as const);
  answers["sc-sports-hall"] = s.locality === "rural" ? ladder(["own", "own", "shared", "none"] as const) : "own";
  answers["sc-canteen"] = ladder(["full-kitchen", "full-kitchen", "full-kitchen", "serving"] as const);
  answers["sc-toilets"] = s.locality === "rural" && d > 0.6 ? ladder(["indoor", "indoor", "partly-outdoor", "outdoor"] as const) : "indoor";
  answers["sc-hot-water"] = !rng.chance(0.35 * d);
  answers["sc-capital-repair"] = ladder(["none", "partial", "partial", "capital", "emergency"] as const);

  answers["sc-students"] = students;
  const share = (x: number, hi = 100) => one(clamp(x, 0, hi));
  answers["sc-share-low-income"] = share(6 + 32 * d + rng.normal() * 5);
  answers["sc-share-single-parent"] = share(14 + 14 * d + rng.normal() * 4);
  answers["sc-share-large-family"] = share(7 + (s.locality === "rural" ? 10 : 3) + 10 * d + rng.normal() * 4);
  answers["sc-share-ovz"] = share(s.clusters.includes("special-needs") ? 10.5 + rng.float() * 9 : 1.5 + rng.float() * 6);
  answers["sc-share-non-native"] = share(s.clusters.includes("non-native") ? 12 + rng.float() * 25 : rng.float() * 5);
  const register = share(0.8 + 5 * d + rng.normal() * 1.2, 30);
  answers["sc-share-school-register"] = register;
  answers["sc-share-police-register"] = Math.min(register, share(0.2 + 1.8 * d + rng.normal() * 0.5, 15));
  answers["sc-share-parents-higher-ed"] = share(42 - 32 * d + rng.normal() * 6);
  answers["sc-share-unemployed-parents"] = share(3 + 15 * d + rng.normal() * 3);

  answers["sc-location"] = s.locality === "city" ? "city" : s.locality === "town" ? "urban-settlement" : "rural";
  answers["sc-distance-km"] = s.locality === "city" ? 0 : s.locality === "town" ? rng.int(0, 35) : Math.round((8 + rng.float() * 70) * (0.6 + d));
  const needed = s.locality === "rural" ? rng.chance(0.85) : rng.chance(s.locality === "town" ? 0.45 : 0.08);
  answers["sc-transport-needed"] = needed;
  if (needed) {
    answers["sc-transport-students"] = Math.max(1, Math.round(students * clamp(0.08 + 0.3 * rng.float(), 0, 0.5)));
    answers["sc-transport-provided"] = rng.chance(0.8 - 0.4 * d) ? "all" : rng.chance(0.7) ? "partial" : "none";
  }
  return answers;
}
