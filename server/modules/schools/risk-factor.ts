// Building one risk factor: checks of values against thresholds, the level they give, the reasons in words, what is missing. Pure.
import { AUDIENCE_WORDS, type ClimateGroup, withUnit } from "./school-inputs.js";
import type { Band } from "./school-thresholds.js";

export type RiskLevel = "low" | "medium" | "high";
/** A factor's level: "unknown" when none of its data is there (its reasons then say what is missing). */
export type FactorLevel = RiskLevel | "unknown";
const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

export interface RiskIndicator { id: string; title: string; value: number | null; unit?: string }

export interface RiskFactor {
  id: string;
  title: string;
  /**
   * "unknown" when none of the factor's data is there: the factor says what is missing instead of
   * guessing. A word rather than null, so that the level is always a string (the contract's field).
   */
  level: FactorLevel;
  reasons: string[];
  indicators: RiskIndicator[];
}

/** The level of a value against its band: risks grow upwards (`above`), scores and self-assessments downwards (`below`). */
export function bandLevel(value: number, band: Band, direction: "above" | "below"): RiskLevel {
  const past = (limit: number) => (direction === "above" ? value >= limit : value < limit);
  if (band.high !== undefined && past(band.high)) return "high";
  return past(band.medium) ? "medium" : "low";
}

/** Collects a factor's checks; the level is the highest any check gives, and only checks on data present count. */
export class FactorBuilder {
  private readonly checks: Array<{ level: RiskLevel; text: string }> = [];
  private readonly missing: string[] = [];
  private readonly indicators: RiskIndicator[] = [];

  constructor(private readonly id: string, private readonly title: string) {}

  indicator(id: string, title: string, value: number | null, unit?: string): this {
    if (!this.indicators.some((i) => i.id === id)) this.indicators.push({ id, title, value, ...(unit ? { unit } : {}) });
    return this;
  }

  /** A value checked against its band; a null value records what is missing instead. */
  value(id: string, title: string, value: number | null, band: Band, direction: "above" | "below", missing: string, unit?: string): this {
    this.indicator(id, title, value, unit);
    if (value === null) return this.lack(missing);
    const level = bandLevel(value, band, direction);
    const limit = (n: number) => withUnit(n, unit);
    const where = direction === "above"
      ? level === "high" ? `высокий уровень — от ${limit(band.high!)}` : level === "medium" ? `средний уровень — от ${limit(band.medium)}` : `порог среднего уровня — ${limit(band.medium)}`
      : level === "high" ? `высокий уровень — ниже ${limit(band.high!)}` : level === "medium" ? `средний уровень — ниже ${limit(band.medium)}` : `порог среднего уровня — ниже ${limit(band.medium)}`;
    return this.fact(level, `${title} — ${withUnit(value, unit)} (${where})`);
  }

  fact(level: RiskLevel, text: string): this {
    this.checks.push({ level, text });
    return this;
  }

  lack(text: string): this {
    if (text && !this.missing.includes(text)) this.missing.push(text);
    return this;
  }

  /**
   * A medium or high factor gives the checks that raised it; a low one gives every check (why it is
   * low); then what could not be checked. Without any check: level "unknown", only what is missing.
   */
  build(): RiskFactor {
    const base = { id: this.id, title: this.title, indicators: this.indicators };
    if (this.checks.length === 0) return { ...base, level: "unknown", reasons: [...this.missing] };
    const level = this.checks.reduce<RiskLevel>((top, c) => (RANK[c.level] > RANK[top] ? c.level : top), "low");
    const shown = level === "low" ? this.checks : this.checks.filter((c) => c.level !== "low");
    return { ...base, level, reasons: [...shown.map((c) => c.text), ...this.missing] };
  }
}

const SCALE_TITLES: Record<string, string> = {
  "safety-physical": "Физическая безопасность", "safety-emotional": "Эмоциональная безопасность", bullying: "Защищённость от травли и кибертравли",
  "teacher-student": "Отношения «учитель — ученик»", "peer-relations": "Отношения между учениками", rules: "Правила и дисциплина",
  wellbeing: "Психологическое благополучие", support: "Индивидуальная поддержка", collegiality: "Коллегиальность",
  diversity: "Уважение к разнообразию", "parent-involvement": "Вовлечённость родителей", motivation: "Учебная мотивация",
};

export interface ScaleScore { id: string; audience: string; title: string; score: number }

/** Scores of the given scales in the given audiences (every audience when none is named). */
export function scaleScores(climate: readonly ClimateGroup[] | null, scales: readonly string[], audiences?: readonly string[]): ScaleScore[] {
  const out: ScaleScore[] = [];
  for (const group of climate ?? []) {
    if (audiences && !audiences.includes(group.audience)) continue;
    for (const s of group.scales) {
      if (!scales.includes(s.id) || !Number.isFinite(s.score)) continue;
      out.push({ id: s.id, audience: group.audience, title: s.title ?? SCALE_TITLES[s.id] ?? s.id, score: s.score });
    }
  }
  return out;
}

/** Each scale score as a check (below the climate band), or a note that the survey gave none. */
export function climateChecks(f: FactorBuilder, scores: readonly ScaleScore[], band: Band, who: string): void {
  if (scores.length === 0) {
    f.lack(`нет данных: опрос о климате (${who}) не проведён или ответивших меньше порога анонимности`);
    return;
  }
  for (const s of scores) {
    f.value(`climate:${s.audience}:${s.id}`, `Климат, шкала «${s.title}» (${AUDIENCE_WORDS[s.audience] ?? s.audience})`, s.score, band, "below", "", "из 100");
  }
}
