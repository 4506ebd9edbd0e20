// Measurement error of a competency percent, and whether a change between waves exceeds it (Jacobson–Truax). Pure.

/** |RCI| above this is a change beyond the measurement error at the 95% level. */
export const RELIABLE_Z = 1.96;
/** Fewer submitted attempts than this in a region, and α is not estimated: the binomial error stands in. */
export const MIN_ATTEMPTS_FOR_ALPHA = 30;
/** No test is perfectly reliable: an α estimated above this is read as this, so that the error never vanishes. */
export const MAX_RELIABILITY = 0.99;

export type SemMethod = "alpha" | "binomial";

/** A competency's percent with its standard error of measurement, both in percentage points. */
export interface Measured { percent: number; sem: number }

/**
 * Cronbach's α from the number of items, the sum of the items' variances and the variance of their
 * total (for 0/1 items this is KR-20). Undefined when it cannot be computed: one item, or no variance.
 */
export function alphaFromVariances(k: number, itemVarianceSum: number, totalVariance: number): number | undefined {
  if (k < 2 || !(totalVariance > 0) || !Number.isFinite(itemVarianceSum)) return undefined;
  return (k / (k - 1)) * (1 - itemVarianceSum / totalVariance);
}

/** α from a matrix of item scores (a row per respondent, a column per item), with sample variances. */
export function cronbachAlpha(rows: readonly (readonly number[])[]): number | undefined {
  if (rows.length < 2) return undefined;
  const k = rows[0]!.length;
  const variance = (values: number[]) => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  };
  let itemSum = 0;
  for (let j = 0; j < k; j++) itemSum += variance(rows.map((r) => r[j] ?? 0));
  return alphaFromVariances(k, itemSum, variance(rows.map((r) => r.reduce((s, v) => s + v, 0))));
}

/** SEM = SD·√(1 − r), with r read within [0, MAX_RELIABILITY]: a negative α says the items do not agree, not that the error exceeds the spread. */
export function semFromReliability(sd: number, reliability: number): number {
  const r = Math.min(MAX_RELIABILITY, Math.max(0, reliability));
  return sd * Math.sqrt(1 - r);
}

/**
 * The binomial standard error of a percent over k items, √(p(1−p)/k), in percentage points. p is
 * first moved toward one half by one right and one wrong answer ((p·k + 1)/(k + 2)): a score of 0%
 * or 100% on five items is not a measurement without error.
 */
export function binomialSem(percent: number, items: number): number {
  const k = Math.max(1, items);
  const p = Math.min(1, Math.max(0, percent / 100));
  const shrunk = (p * k + 1) / (k + 2);
  return 100 * Math.sqrt((shrunk * (1 - shrunk)) / k);
}

/** The region's estimate for one competency of one instrument version. */
export interface RegionReliability {
  attempts: number;
  items: number;
  alpha: number;
  /** The spread of the competency's percent across the region's attempts. */
  sd: number;
  sem: number;
}

/** The region's α-based SEM when there is one; otherwise the binomial error of this very score. */
export function semOf(percent: number, items: number, region: RegionReliability | undefined): { sem: number; method: SemMethod } {
  if (region) return { sem: region.sem, method: "alpha" };
  return { sem: binomialSem(percent, items), method: "binomial" };
}

/** Turns the region's sums into an estimate, or undefined when there are too few attempts or no spread. */
export function regionReliability(s: { attempts: number; items: number; itemVarianceSum: number; totalVariance: number; maxScore: number }): RegionReliability | undefined {
  if (s.attempts < MIN_ATTEMPTS_FOR_ALPHA || !(s.maxScore > 0)) return undefined;
  const alpha = alphaFromVariances(s.items, s.itemVarianceSum, s.totalVariance);
  if (alpha === undefined) return undefined;
  const sd = (100 * Math.sqrt(s.totalVariance)) / s.maxScore;
  return { attempts: s.attempts, items: s.items, alpha, sd, sem: semFromReliability(sd, alpha) };
}

export interface Part { score: number; maxScore: number; items: number; sem: number }

/**
 * One competency measured by several instruments in one wave (a methodological competency of a
 * teacher of two subjects): the percent of all its points together, and the error of that weighted
 * mean of independent measurements, √Σ(wᵢ·SEMᵢ)² with wᵢ = maxᵢ / Σmax.
 */
export function pool(parts: readonly Part[]): { percent: number; sem: number; items: number; maxScore: number } {
  const maxScore = parts.reduce((s, p) => s + p.maxScore, 0);
  const score = parts.reduce((s, p) => s + p.score, 0);
  const items = parts.reduce((s, p) => s + p.items, 0);
  if (!(maxScore > 0)) return { percent: 0, sem: parts[0]?.sem ?? 0, items, maxScore: 0 };
  const sem = Math.sqrt(parts.reduce((s, p) => s + (p.maxScore * p.sem) ** 2, 0)) / maxScore;
  return { percent: (100 * score) / maxScore, sem, items, maxScore };
}

export type Direction = "growth" | "decline" | "none";

export interface ReliableChange {
  from: number;
  to: number;
  difference: number;
  /** The standard error of the difference, √(SEM₁² + SEM₂²): each wave keeps its own error (another version may differ). */
  sDiff: number;
  /** Jacobson–Truax: difference / S_diff. */
  rci: number;
  reliable: boolean;
  direction: Direction;
}

export function reliableChange(first: Measured, last: Measured): ReliableChange {
  const difference = last.percent - first.percent;
  const sDiff = Math.sqrt(first.sem ** 2 + last.sem ** 2);
  // Compared as |Δ| > z·S_diff rather than through the ratio, so that an error of 0 cannot divide.
  const reliable = Math.abs(difference) > RELIABLE_Z * sDiff;
  const rci = sDiff > 0 ? difference / sDiff : 0;
  return { from: first.percent, to: last.percent, difference, sDiff, rci, reliable, direction: reliable ? (difference > 0 ? "growth" : "decline") : "none" };
}

const whole = (x: number) => Math.round(x);

/** What changed, in words a teacher reads: «Рост надёжный: с 38% до 71%». */
export function changeWords(c: ReliableChange): string {
  const range = `с ${whole(c.from)}% до ${whole(c.to)}%`;
  if (c.direction === "growth") return `Рост надёжный: ${range}`;
  if (c.direction === "decline") return `Снижение надёжное: ${range}`;
  if (whole(c.from) === whole(c.to)) return `Без изменений: ${whole(c.to)}% в обеих волнах`;
  return `Изменение в пределах погрешности измерения: ${range} (надёжным было бы изменение больше чем на ${whole(RELIABLE_Z * c.sDiff)} п. п.)`;
}
