// Demo exam results of two years: ВПР 4–8 and ОГЭ in mathematics and Russian, ЕГЭ in a few subjects, consistent with each school's flags. Pure.
import type { Rng } from "../demo/demo-region.js";
import type { DemoCardSchool } from "./demo-conditions.js";

export interface DemoExamRow {
  year: number;
  exam: "vpr" | "oge" | "ege";
  subject: string;
  grade: number;
  participants: number;
  meanScore: number;
  /** 0–1. */
  shareFailed: number;
  shareHigh: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** The latest spring whose results are in: from July the current year, before it the year before. */
export function latestExamYear(now = new Date()): number {
  return now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

/**
 * A school's typical share of «2» in ВПР mathematics: a fifth and more at low-result schools (the
 * programme's schools), around a tenth elsewhere, a few percent at high-result schools.
 */
export function demoFailBase(s: DemoCardSchool, rng: Rng): number {
  const base = s.lowResults ? 0.25 : s.unfavourable ? 0.14 : s.highResults ? 0.035 : 0.09;
  return clamp(base + (s.locality === "rural" ? 0.025 : 0) + rng.normal() * 0.035, 0.005, 0.5);
}

/** ВПР and ОГЭ: a mark-based result from a share of «2»; the mean mark follows the shares. */
function markResult(fail: number, rng: Rng) {
  const shareFailed = clamp(fail, 0, 0.75);
  const shareHigh = clamp(0.62 - 1.5 * shareFailed + rng.normal() * 0.05, 0.02, 0.95 - shareFailed);
  const meanScore = 2 * shareFailed + 3 * (1 - shareFailed - shareHigh) + 4.35 * shareHigh;
  return { shareFailed: r3(shareFailed), shareHigh: r3(shareHigh), meanScore: r2(meanScore) };
}

/** ЕГЭ subjects the demo reports, with the share of the 11th grade that takes each and how hard it is. */
const EGE: ReadonlyArray<{ subject: string; takes: number; mean: number; hard: number }> = [
  { subject: "russian", takes: 1, mean: 72, hard: 0.25 },
  { subject: "math-profile", takes: 0.5, mean: 60, hard: 0.6 },
  { subject: "math-base", takes: 0.5, mean: 4.1, hard: 0.3 },
  { subject: "social", takes: 0.4, mean: 58, hard: 0.8 },
  { subject: "physics", takes: 0.18, mean: 56, hard: 0.5 },
];

export function demoExamRows(s: DemoCardSchool, failBase: number, lastYear: number, rng: Rng): DemoExamRow[] {
  const students = s.students ?? 300;
  const cohort = () => Math.max(2, Math.round((students / 11) * (0.86 + rng.float() * 0.1)));
  const rows: DemoExamRow[] = [];
  for (const year of [lastYear - 1, lastYear]) {
    // The programme's schools improve a little from one year to the next; the others drift.
    const drift = (year === lastYear ? (s.lowResults || s.unfavourable ? -0.015 : 0) : 0) + rng.normal() * 0.015;
    for (const subject of ["math", "russian"] as const) {
      const subjectBase = (subject === "math" ? failBase : failBase * 0.82) + drift;
      for (const grade of [4, 5, 6, 7, 8]) {
        const gradeEffect = subject === "math" && (grade === 6 || grade === 7) ? 0.02 : grade === 4 ? -0.03 : 0;
        rows.push({ year, exam: "vpr", subject, grade, participants: cohort(), ...markResult(subjectBase + gradeEffect + rng.normal() * 0.035, rng) });
      }
      rows.push({ year, exam: "oge", subject, grade: 9, participants: cohort(), ...markResult(subjectBase * 0.6 + rng.normal() * 0.025, rng) });
    }
    const graduates = Math.max(2, Math.round((students / 11) * (s.locality === "rural" ? 0.45 : 0.6)));
    for (const e of EGE) {
      const participants = Math.round(graduates * e.takes * (0.8 + rng.float() * 0.4));
      if (participants < 1) continue;
      const belowMin = clamp(failBase * e.hard + rng.normal() * 0.02, 0, 0.5);
      if (e.subject === "math-base") {
        rows.push({ year, exam: "ege", subject: e.subject, grade: 11, participants, ...markResult(belowMin, rng) });
        continue;
      }
      const mean = clamp(e.mean - 70 * failBase * e.hard + rng.normal() * 4, 30, 95);
      const high = clamp((mean - 55) / 120 + rng.normal() * 0.03, 0, 0.6);
      rows.push({ year, exam: "ege", subject: e.subject, grade: 11, participants, meanScore: r2(mean), shareFailed: r3(belowMin), shareHigh: r3(Math.min(high, 1 - belowMin)) });
    }
  }
  return rows;
}
