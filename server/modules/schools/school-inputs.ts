// What the cluster and risk rules read besides the card and the exams: teachers' and the leader's results, climate scales; number words. Pure.

/** The school's teachers and their current results (latest submitted attempt per subject test). */
export interface TeacherFigures {
  /** Active teachers of the school. */
  total: number;
  /** Teachers with at least one subject test. */
  tested: number;
  /** Tested teachers with deficits in one of their subjects (SCHOOL_RULES.teachers.deficitTopics topics) / at one methodological competency. */
  subjectDeficit: number;
  methodDeficit: number;
  /** Per subject: teachers tested in it, and those with deficits in its topics (as above). */
  bySubject: Readonly<Record<string, { tested: number; deficit: number }>>;
  /** Per methodological competency: teachers measured on it, and those at deficit (weakest level over their tests). */
  byMethod: Readonly<Record<string, { tested: number; deficit: number }>>;
}

export const NO_TEACHERS: TeacherFigures = { total: 0, tested: 0, subjectDeficit: 0, methodDeficit: 0, bySubject: {}, byMethod: {} };

/** The principal's latest self-assessment: percent per leadership competency (lead.*). */
export type LeaderResults = ReadonlyMap<string, number>;

/**
 * Climate as the climate module gives it: one group per audience, with scale scores (0–100) of
 * groups at or above the anonymity threshold only (a suppressed group is simply absent).
 */
export interface ClimateGroup {
  audience: string;
  scales: ReadonlyArray<{ id: string; score: number; title?: string }>;
}

export const AUDIENCE_WORDS: Record<string, string> = { teacher: "учителя", student: "обучающиеся", parent: "родители" };

const NUMBER = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });
/**
 * 12.345 → «12,3»; −0,6 keeps its sign with a proper minus. Below 10 000 (no digit grouping in
 * Russian) without Intl: a region's facts format tens of thousands of numbers.
 */
export function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (Math.abs(rounded) >= 10_000) return NUMBER.format(value).replace("-", "−");
  return (Object.is(rounded, -0) ? "0" : String(rounded)).replace(".", ",").replace("-", "−");
}
export const pctText = (value: number): string => `${num(value)} %`;
export const withUnit = (value: number, unit?: string): string => (unit === "%" ? pctText(value) : unit ? `${num(value)} ${unit}` : num(value));

/** Share in percent of a part of a whole, one decimal. */
export const sharePct = (part: number, whole: number): number => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0);

/** How many values of an ascending list are below x (`orEqual`: at most x), by binary search. */
export function countBelow(sorted: readonly number[], x: number, orEqual = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x || (orEqual && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether a value is among the worst `share` of the values compared (an ascending list): at most
 * that share is as bad or worse, the value itself included.
 */
export function inWorstShare(value: number, sorted: readonly number[], share: number, minSchools: number, worseIsHigher = true): boolean {
  if (sorted.length < minSchools) return false;
  const asBad = worseIsHigher ? sorted.length - countBelow(sorted, value) : countBelow(sorted, value, true);
  return asBad <= share * sorted.length;
}
