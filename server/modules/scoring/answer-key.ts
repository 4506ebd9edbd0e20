// Compiles an instrument definition into a plain answer key: what the scorer needs and nothing else.
import type { Competency, InstrumentDefinition, LevelThresholds, SurveyElementJson } from "../instruments/instrument.types.js";
import { DEFAULT_LEVELS } from "../instruments/instrument.types.js";
import { isScored, itemValues, questionsOf } from "../instruments/survey-walk.js";
import { normalizeText } from "./text-answers.js";

export type ItemRule =
  | { kind: "choice"; value: string }
  | { kind: "set"; values: string[]; partial: boolean }
  | { kind: "text"; accepted: string[] }
  | { kind: "order"; values: string[]; partial: boolean }
  | { kind: "matching"; pairs: Record<string, string>; partial: boolean }
  | { kind: "choice-scores"; scores: Record<string, number> }
  | { kind: "scale"; min: number; max: number }
  | { kind: "boolean"; value: boolean };

export interface ItemKey {
  name: string;
  competency: string;
  maxPoints: number;
  /** Points for a fully correct answer (for choice scores and scales, of the best answer). */
  points: number;
  rule: ItemRule;
}

export interface AnswerKey {
  instrumentId: string;
  version: number;
  levels: LevelThresholds;
  /** Competencies in the order the instrument first measures them. */
  competencies: Array<{ id: string; title: string }>;
  items: ItemKey[];
}

export function compileAnswerKey(def: InstrumentDefinition, competencies: readonly Competency[]): AnswerKey {
  const titles = new Map(competencies.map((c) => [c.id, c.title]));
  const items = questionsOf(def.survey).filter(isScored).map(compileItem);
  const order: string[] = [];
  for (const item of items) if (!order.includes(item.competency)) order.push(item.competency);
  return {
    instrumentId: def.id,
    version: def.version,
    levels: def.levels ?? DEFAULT_LEVELS,
    competencies: order.map((id) => ({ id, title: titles.get(id) ?? id })),
    items,
  };
}

function compileItem(q: SurveyElementJson): ItemKey {
  const points = typeof q.points === "number" ? q.points : 1;
  const partial = q.scoring === "partial";
  const base = { name: q.name, competency: String(q.competency) };
  const strings = (values: unknown[]) => values.map((v) => String(v));
  if (q.scoring === "scale") {
    const levels = (q.type === "rating" ? itemValues(q.rateValues as unknown[]) : itemValues(q.choices)).map(Number);
    return { ...base, points, maxPoints: points, rule: { kind: "scale", min: Math.min(...levels), max: Math.max(...levels) } };
  }
  if (q.choiceScores) {
    const best = Math.max(...Object.values(q.choiceScores));
    return { ...base, points: best, maxPoints: best, rule: { kind: "choice-scores", scores: { ...q.choiceScores } } };
  }
  const key = q.correctAnswer;
  const item = (rule: ItemRule): ItemKey => ({ ...base, points, maxPoints: points, rule });
  switch (q.type) {
    case "checkbox":
      return item({ kind: "set", values: strings(key as unknown[]), partial });
    case "ranking":
      return item({ kind: "order", values: strings(key as unknown[]), partial });
    case "matrix": {
      const pairs: Record<string, string> = {};
      for (const [row, column] of Object.entries(key as Record<string, unknown>)) pairs[row] = String(column);
      return item({ kind: "matching", pairs, partial });
    }
    case "text": {
      const accepted = [key, ...(q.acceptedAnswers ?? [])].map((v) => normalizeText(String(v)));
      return item({ kind: "text", accepted: [...new Set(accepted)] });
    }
    case "boolean":
      return item({ kind: "boolean", value: key === true });
    default:
      return item({ kind: "choice", value: String(key) });
  }
}
