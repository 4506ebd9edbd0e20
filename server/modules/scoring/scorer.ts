// The scorer: answers + answer key → points per item, per competency and in total. Pure.
import type { LevelThresholds } from "../instruments/instrument.types.js";
import type { AnswerKey, ItemKey, ItemRule } from "./answer-key.js";
import { textMatches } from "./text-answers.js";

export type Level = "deficit" | "partial" | "proficient";

export interface CompetencyScore {
  id: string;
  title: string;
  score: number;
  maxScore: number;
  percent: number;
  level: Level;
  items: number;
}

export interface ScoredResponse {
  score: number;
  maxScore: number;
  percent: number;
  competencies: CompetencyScore[];
  items: Array<{ name: string; competency: string; score: number; maxScore: number }>;
}

export type Answers = Readonly<Record<string, unknown>>;

/** Sums of fractional credit carry binary noise (49.99999999 for a true 50): thresholds allow for it. */
const EPSILON = 1e-9;

export function levelFor(percent: number, levels: LevelThresholds): Level {
  if (percent < levels.partial - EPSILON) return "deficit";
  if (percent < levels.proficient - EPSILON) return "partial";
  return "proficient";
}
const percentOf = (score: number, max: number) => (max > 0 ? (100 * score) / max : 0);

export function scoreResponse(key: AnswerKey, answers: Answers): ScoredResponse {
  // Exact credit throughout, so that every total is the sum of its parts; people see rounded figures.
  const items = key.items.map((item) => ({ name: item.name, competency: item.competency, score: scoreItem(item, answers[item.name]), maxScore: item.maxPoints }));
  const byCompetency = new Map<string, { score: number; maxScore: number; items: number }>();
  for (const item of items) {
    const sum = byCompetency.get(item.competency) ?? { score: 0, maxScore: 0, items: 0 };
    sum.score += item.score;
    sum.maxScore += item.maxScore;
    sum.items += 1;
    byCompetency.set(item.competency, sum);
  }
  const competencies = key.competencies.map(({ id, title }) => {
    const sum = byCompetency.get(id) ?? { score: 0, maxScore: 0, items: 0 };
    const percent = percentOf(sum.score, sum.maxScore);
    return { id, title, score: sum.score, maxScore: sum.maxScore, percent, level: levelFor(percent, key.levels), items: sum.items };
  });
  const score = items.reduce((n, i) => n + i.score, 0);
  const maxScore = items.reduce((n, i) => n + i.maxScore, 0);
  return { score, maxScore, percent: percentOf(score, maxScore), competencies, items };
}

/** Points one answer earns under its item's rule; a missing or malformed answer earns nothing. */
export function scoreItem(item: ItemKey, answer: unknown): number {
  if (answer === undefined || answer === null) return 0;
  return item.points * creditFor(item.rule, answer);
}

/** Share of the item's points, 0…1. */
function creditFor(rule: ItemRule, answer: unknown): number {
  switch (rule.kind) {
    case "choice":
      return isScalar(answer) && String(answer) === rule.value ? 1 : 0;
    case "boolean":
      return isScalar(answer) && String(answer) === String(rule.value) ? 1 : 0;
    case "text":
      return textMatches(answer, rule.accepted) ? 1 : 0;
    case "set": {
      if (!Array.isArray(answer)) return 0;
      const chosen = new Set(answer.filter(isScalar).map(String));
      const right = rule.values.filter((v) => chosen.has(v)).length;
      const wrong = chosen.size - right;
      if (right === rule.values.length && wrong === 0) return 1;
      return rule.partial ? Math.max(0, right - wrong) / rule.values.length : 0;
    }
    case "order": {
      // A ranking is the key's values, each once; anything else is not an answer to this item.
      if (!Array.isArray(answer) || answer.length !== rule.values.length || new Set(answer.map(String)).size !== answer.length
        || answer.some((v) => !isScalar(v) || !rule.values.includes(String(v)))) return 0;
      const inPlace = rule.values.filter((v, i) => isScalar(answer[i]) && String(answer[i]) === v).length;
      if (inPlace === rule.values.length && answer.length === rule.values.length) return 1;
      return rule.partial ? inPlace / rule.values.length : 0;
    }
    case "matching": {
      if (answer === null || typeof answer !== "object" || Array.isArray(answer)) return 0;
      const given = answer as Record<string, unknown>;
      const rows = Object.keys(rule.pairs);
      const right = rows.filter((row) => isScalar(given[row]) && String(given[row]) === rule.pairs[row]).length;
      if (right === rows.length) return 1;
      return rule.partial ? right / rows.length : 0;
    }
    case "choice-scores": {
      // Own keys only: an answer such as "constructor" must not find Object.prototype.
      if (!isScalar(answer) || !Object.hasOwn(rule.scores, String(answer))) return 0;
      const best = Math.max(...Object.values(rule.scores));
      return (rule.scores[String(answer)] ?? 0) / best;
    }
    case "scale": {
      if (!isScalar(answer)) return 0;
      const value = Number(answer);
      if (!Number.isFinite(value) || value < rule.min || value > rule.max) return 0;
      return (value - rule.min) / (rule.max - rule.min);
    }
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
