// Climate scale scores (0–100, reversed items, «затрудняюсь ответить» as no answer), bands and Cronbach's α. Pure.

export interface ClimateScale {
  id: string;
  title: string;
  items: readonly string[];
  reversed?: readonly string[];
}

export interface ClimateBands { favourable: number; partly: number }
export type Band = "favourable" | "partly" | "unfavourable";

export type Answers = Readonly<Record<string, unknown>>;

/** Likert values 1…4; anything else («na», blanks, junk) is no answer. */
function itemValue(answers: Answers, item: string, reversed: boolean): number | null {
  const raw = answers[item];
  const value = typeof raw === "number" ? raw : typeof raw === "string" && /^[1-4]$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > 4) return null;
  return reversed ? 5 - value : value;
}

/**
 * One respondent's score on a scale: the mean over answered items of (value − 1) / 3 × 100.
 * A respondent who answered fewer than half of the scale's items gives no score for it: a scale
 * read from one item of four would be a different measure.
 */
export function respondentScaleScore(scale: ClimateScale, answers: Answers): number | null {
  const reversed = new Set(scale.reversed ?? []);
  const values = scale.items.map((i) => itemValue(answers, i, reversed.has(i))).filter((v): v is number => v !== null);
  if (values.length === 0 || values.length * 2 < scale.items.length) return null;
  return (values.reduce((s, v) => s + v, 0) / values.length - 1) / 3 * 100;
}

export function bandOf(score: number, bands: ClimateBands): Band {
  return score >= bands.favourable ? "favourable" : score >= bands.partly ? "partly" : "unfavourable";
}

export interface ScaleResult {
  id: string;
  title: string;
  /** Mean of the respondents' scale scores, 0–100, one decimal. */
  score: number;
  band: Band;
  /** Respondents who gave a score on this scale. */
  respondents: number;
}

/** Scale scores of a group of respondents; scales nobody scored are left out. */
export function groupScaleScores(scales: readonly ClimateScale[], bands: ClimateBands, responses: readonly Answers[]): ScaleResult[] {
  const out: ScaleResult[] = [];
  for (const scale of scales) {
    const scores = responses.map((r) => respondentScaleScore(scale, r)).filter((s): s is number => s !== null);
    if (scores.length === 0) continue;
    const score = Math.round((scores.reduce((s, v) => s + v, 0) / scores.length) * 10) / 10;
    out.push({ id: scale.id, title: scale.title, score, band: bandOf(score, bands), respondents: scores.length });
  }
  return out;
}

/**
 * Cronbach's α of a scale over the respondents who answered every one of its items (reversed items
 * turned first): k/(k−1) · (1 − Σ item variances / variance of the sum). Null when it cannot be
 * estimated (fewer than two items, fewer than three complete respondents, or no variance at all).
 */
export function cronbachAlpha(scale: ClimateScale, responses: readonly Answers[]): { alpha: number; respondents: number } | null {
  const k = scale.items.length;
  if (k < 2) return null;
  const reversed = new Set(scale.reversed ?? []);
  const complete: number[][] = [];
  for (const r of responses) {
    const row = scale.items.map((i) => itemValue(r, i, reversed.has(i)));
    if (row.every((v) => v !== null)) complete.push(row as number[]);
  }
  if (complete.length < 3) return null;
  const variance = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    return xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  };
  const itemVariances = scale.items.map((_, j) => variance(complete.map((row) => row[j]!)));
  const totalVariance = variance(complete.map((row) => row.reduce((s, v) => s + v, 0)));
  if (totalVariance === 0) return null;
  const alpha = (k / (k - 1)) * (1 - itemVariances.reduce((s, v) => s + v, 0) / totalVariance);
  return { alpha: Math.round(alpha * 1000) / 1000, respondents: complete.length };
}
