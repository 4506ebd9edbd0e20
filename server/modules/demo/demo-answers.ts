// Simulates a respondent's answers from their ability and each item's difficulty (a 2PL model). Pure.
import type { InstrumentDefinition } from "../instruments/instrument.types.js";
import { itemValues, questionsOf } from "../instruments/survey-walk.js";
import type { AnswerKey, ItemKey } from "../scoring/answer-key.js";
import { hashString } from "../../shared/random.js";
import type { Rng } from "./demo-region.js";

/** Some topics are harder everywhere (the seeds' analyses: geometry, probability, judging by criteria). */
const HARDER = [/stereometry|probability|planimetry|equations|genetics|redox|quantum|recursion|essay|argumentation/, /^method\.(assessment|differentiation)/];

export function itemDifficulty(instrumentId: string, item: ItemKey): number {
  const spread = (hashString(`${instrumentId}/${item.name}`) % 1000) / 1000; // 0…1, fixed per item
  const harder = HARDER.some((re) => re.test(item.competency)) ? 0.6 : 0;
  return -1.3 + 2.4 * spread + harder;
}

export function simulateAnswers(def: InstrumentDefinition, key: AnswerKey, ability: number, rng: Rng): Record<string, unknown> {
  const questions = new Map(questionsOf(def.survey).map((q) => [q.name, q]));
  const answers: Record<string, unknown> = {};
  for (const item of key.items) {
    const question = questions.get(item.name);
    if (!question) continue;
    // A little guessing and a little slipping: nobody is perfect and nobody scores zero.
    const p = 0.08 + 0.86 / (1 + Math.exp(-1.7 * (ability - itemDifficulty(def.id, item))));
    const right = rng.chance(p);
    const choices = itemValues(question.choices).map(String);
    const other = (exclude: string[]) => rng.pick(choices.filter((c) => !exclude.includes(c)).concat(choices.length ? [] : [""]));
    const rule = item.rule;
    switch (rule.kind) {
      case "choice":
        answers[item.name] = right ? rule.value : other([rule.value]);
        break;
      case "boolean":
        answers[item.name] = right ? rule.value : !rule.value;
        break;
      case "text":
        answers[item.name] = right ? rule.accepted[0] : wrongText(rule.accepted[0] ?? "", rng);
        break;
      case "set": {
        if (right) { answers[item.name] = [...rule.values]; break; }
        const kept = rule.values.filter(() => rng.chance(0.6));
        const extra = choices.filter((c) => !rule.values.includes(c) && rng.chance(0.35));
        answers[item.name] = kept.length + extra.length ? [...kept, ...extra] : [other(rule.values)];
        break;
      }
      case "order": {
        const order = [...rule.values];
        if (!right) {
          const i = rng.int(0, order.length - 2);
          [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
          if (rng.chance(0.4)) order.reverse();
        }
        answers[item.name] = order;
        break;
      }
      case "matching": {
        const columns = itemValues(question.columns).map(String);
        const pairs: Record<string, string> = {};
        for (const [row, column] of Object.entries(rule.pairs)) {
          pairs[row] = right || rng.chance(0.55) ? column : rng.pick(columns.filter((c) => c !== column).concat([column]));
        }
        answers[item.name] = pairs;
        break;
      }
      case "choice-scores": {
        const ranked = Object.entries(rule.scores).sort((a, b) => b[1] - a[1]).map(([v]) => v);
        answers[item.name] = right ? ranked[0] : rng.pick(ranked.slice(1));
        break;
      }
      case "scale": {
        // Self-assessment runs a little above ability: people rate themselves generously.
        const level = Math.round(2.7 + 0.8 * ability + rng.normal() * 0.6);
        answers[item.name] = Math.min(rule.max, Math.max(rule.min, level));
        break;
      }
    }
  }
  return answers;
}

function wrongText(key: string, rng: Rng): string {
  const n = Number(key);
  if (Number.isFinite(n) && key !== "") return String(n !== 0 && rng.chance(0.5) ? n * 2 : n + rng.pick([-1, 1, 10]));
  return rng.pick(["не знаю", `${key}а`, key.slice(0, -1) || "—"]);
}
