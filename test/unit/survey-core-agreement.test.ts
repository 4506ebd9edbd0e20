// The pure scorer agrees, item by item, with survey-core's own isAnswerCorrect() on the real subject tests.
import path from "node:path";
import fc from "fast-check";
import { Model, type Question } from "survey-core";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../server/modules/instruments/instrument-files.js";
import type { InstrumentDefinition, SurveyElementJson } from "../../server/modules/instruments/instrument.types.js";
import { registerOrientirProperties } from "../../server/modules/instruments/survey-core-check.js";
import { itemValues, questionsOf } from "../../server/modules/instruments/survey-walk.js";
import { compileAnswerKey, type ItemKey } from "../../server/modules/scoring/answer-key.js";
import { scoreItem } from "../../server/modules/scoring/scorer.js";

registerOrientirProperties();
const library = await loadLibrary(path.resolve(import.meta.dirname, "../../surveys"));
const subjectTests = library.instruments.filter((def) => def.kind === "subject-test" && questionsOf(def.survey).some((q) => q.correctAnswer !== undefined));

/** At least this many generated responses in all, spread over the subject tests. */
const RESPONSES = 3_300;
const perInstrument = Math.ceil(RESPONSES / Math.max(1, subjectTests.length));

/*
 * "plain": survey-core's rule (trimmed, case-insensitive equality) and Orientir's must give the same verdict.
 * "extension": a spelling only Orientir accepts (acceptedAnswers, decimal comma, ё, inner spaces, minus sign):
 * Orientir must give full credit and never less than survey-core.
 */
type Tag = "plain" | "extension";
interface Answer { value: unknown; tag: Tag }

interface Keyed { item: ItemKey; json: SurveyElementJson; question: Question; answers: fc.Arbitrary<Answer> }

const plain = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<Answer> => arb.map((value) => ({ value, tag: "plain" as const }));
const extension = (values: unknown[]): fc.Arbitrary<Answer>[] => values.map((value) => fc.constant({ value, tag: "extension" as const }));
const LETTERS = [..."abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюя"];
const lower = (v: unknown) => String(v).trim().toLowerCase();

function textAnswers(json: SurveyElementJson): fc.Arbitrary<Answer> {
  const key = String(json.correctAnswer);
  const accepted = (json.acceptedAnswers ?? []).map(String);
  const plains: fc.Arbitrary<Answer>[] = [
    plain(fc.constantFrom(key, key.toUpperCase(), key.toLowerCase(), `  ${key} `, `${key.toUpperCase()}\t`)),
    // Random words: plain, unless one happens to spell an accepted answer.
    fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 8 })
      .map((value): Answer => ({ value, tag: accepted.some((a) => lower(a) === value) ? "extension" : "plain" })),
  ];
  if (/^-?[1-9]\d*$|^0$/.test(key)) {
    // An integer key: numbers and digit strings near it are compared by value by both.
    const n = Number(key);
    plains.push(plain(fc.integer({ min: n - 3, max: n + 3 })), plain(fc.integer({ min: n - 3, max: n + 3 }).map(String)));
  } else {
    plains.push(plain(fc.integer({ min: -20, max: 20 })));
  }
  const variants: unknown[] = [...accepted, ...accepted.map((a) => a.toUpperCase())];
  if (/^-?\d+,\d+$/.test(key)) variants.push(key.replace(",", "."), `${key}0`, Number(key.replace(",", ".")));
  if (/^-?\d+\.\d+$/.test(key)) variants.push(key.replace(".", ","));
  if (/^-\d/.test(key)) variants.push(`−${key.slice(1)}`);
  if (/\S \S/.test(key)) variants.push(key.replace(" ", "   "));
  if (/е/i.test(key)) variants.push(key.replace("е", "ё"));
  if (/ё/i.test(key)) variants.push(key.replace("ё", "е"));
  return variants.length ? fc.oneof(...plains, ...extension(variants)) : fc.oneof(...plains);
}

function answersFor(json: SurveyElementJson): fc.Arbitrary<Answer> {
  const key = json.correctAnswer;
  const none = plain(fc.constant(undefined));
  switch (json.type) {
    case "radiogroup":
    case "dropdown":
      return fc.oneof(plain(fc.constant(key)), plain(fc.constantFrom(...itemValues(json.choices))), none);
    case "checkbox": {
      const keyed = key as unknown[];
      return fc.oneof(
        plain(fc.constant(keyed)),
        plain(fc.shuffledSubarray(keyed, { minLength: keyed.length })),
        plain(fc.shuffledSubarray(keyed)),
        plain(fc.shuffledSubarray(itemValues(json.choices))),
        none,
      );
    }
    case "ranking": {
      const keyed = key as unknown[];
      const swapped = (i: number) => keyed.map((v, j) => (j === i ? keyed[i + 1] : j === i + 1 ? keyed[i] : v));
      return fc.oneof(
        plain(fc.constant(keyed)),
        plain(fc.constant([...keyed].reverse())),
        plain(fc.shuffledSubarray(keyed, { minLength: keyed.length })),
        plain(fc.integer({ min: 0, max: keyed.length - 2 }).map(swapped)),
        none,
      );
    }
    case "matrix": {
      const keyed = key as Record<string, unknown>;
      const rows = itemValues(json.rows).map(String);
      const column = fc.constantFrom(...itemValues(json.columns));
      const model = Object.fromEntries(rows.map((r) => [r, column]));
      // Answers arrive as parsed JSON: plain objects (survey-core refuses null-prototype ones).
      return fc.oneof(
        plain(fc.constant(keyed)),
        plain(fc.record(model, { noNullPrototype: true })),
        plain(fc.record(model, { requiredKeys: [], noNullPrototype: true })),
        plain(fc.tuple(fc.constantFrom(...rows), column).map(([row, col]) => ({ ...keyed, [row]: col }))),
        none,
      );
    }
    case "text":
      return fc.oneof(textAnswers(json), none);
    default:
      throw new Error(`no generator for a keyed ${json.type}`);
  }
}

function keyedItemsOf(def: InstrumentDefinition, model: Model): Keyed[] {
  const key = compileAnswerKey(def, library.catalogues.competencies);
  const byName = new Map(questionsOf(def.survey).map((q) => [q.name, q]));
  return key.items.map((item) => {
    const json = byName.get(item.name)!;
    const question = model.getQuestionByName(item.name);
    expect(question, `${def.id} › ${item.name} is a survey-core question`).toBeTruthy();
    return { item, json, question, answers: answersFor(json) };
  });
}

describe("the scorer and survey-core agree on the real subject tests", () => {
  it("the library holds subject tests with keyed items", () => {
    expect(subjectTests.length).toBeGreaterThan(0);
  });

  it.each(subjectTests.map((def) => [def.id, def] as const))("%s: item by item, on generated responses", (_id, def) => {
    // Keyed items carry no conditions, so setting a value without survey-core's notifications (40× faster) is exact.
    for (const q of questionsOf(def.survey)) if (q.correctAnswer !== undefined) expect([q.visibleIf, q.enableIf], q.name).toEqual([undefined, undefined]);
    const model = new Model(def.survey);
    const keyed = keyedItemsOf(def, model);
    let refusedByCore = 0;
    let responses = 0;
    fc.assert(fc.property(fc.tuple(...keyed.map((k) => k.answers)), (answers) => {
      responses++;
      answers.forEach(({ value, tag }, i) => {
        const { item, question } = keyed[i]!;
        model.setValue(item.name, value, true);
        const ours = scoreItem(item, value) === item.points;
        const core = question.isAnswerCorrect();
        const where = `${def.id} › ${item.name} (${item.rule.kind}) = ${JSON.stringify(value)}`;
        if (tag === "plain") {
          expect(ours, `${where}: Orientir ${ours}, survey-core ${core}`).toBe(core);
        } else {
          expect(ours, `${where}: an Orientir extension gives full credit`).toBe(true);
          expect(Number(ours), `${where}: Orientir never below survey-core`).toBeGreaterThanOrEqual(Number(core));
          if (!core) refusedByCore++;
        }
      });
    }), { numRuns: perInstrument });
    model.dispose();
    expect(responses).toBe(perInstrument);
    const hasVariants = keyed.some((k) => k.json.type === "text" && (k.json.acceptedAnswers?.length ?? 0) > 0);
    // The extensions were exercised: some spellings Orientir accepts were refused by survey-core.
    if (hasVariants) expect(refusedByCore).toBeGreaterThan(0);
  });

  it("setting values without notifications gives survey-core the same verdicts as setting them normally", () => {
    const def = subjectTests[0]!;
    const silent = new Model(def.survey);
    const normal = new Model(def.survey);
    const keyed = keyedItemsOf(def, silent);
    for (const answers of fc.sample(fc.tuple(...keyed.map((k) => k.answers)), { numRuns: 10, seed: 2026 })) {
      answers.forEach(({ value }, i) => {
        const { item, question } = keyed[i]!;
        silent.setValue(item.name, value, true);
        normal.setValue(item.name, value);
        expect(normal.getQuestionByName(item.name).isAnswerCorrect(), `${item.name} = ${JSON.stringify(value)}`).toBe(question.isAnswerCorrect());
      });
    }
    silent.dispose();
    normal.dispose();
  });

  it(`compares at least ${RESPONSES - 300} generated responses in all`, () => {
    expect(perInstrument * subjectTests.length).toBeGreaterThanOrEqual(RESPONSES - 300);
  });
});

/** The first keyed question of the subject tests that `pick` selects. */
function firstItem(pick: (q: SurveyElementJson) => boolean): { def: InstrumentDefinition; json: SurveyElementJson; item: ItemKey } {
  for (const def of subjectTests) {
    const json = questionsOf(def.survey).find((q) => q.correctAnswer !== undefined && pick(q));
    if (json) {
      const item = compileAnswerKey(def, library.catalogues.competencies).items.find((i) => i.name === json.name)!;
      return { def, json, item };
    }
  }
  throw new Error("no such item in the library");
}

function coreVerdict(def: InstrumentDefinition, name: string, value: unknown): { correct: boolean; quizCount: number } {
  const model = new Model(def.survey);
  model.setValue(name, value);
  const verdict = { correct: model.getQuestionByName(name).isAnswerCorrect(), quizCount: model.getCorrectAnswerCount() };
  model.dispose();
  return verdict;
}

describe("where Orientir deliberately goes beyond survey-core", () => {
  it("(a) a spelling listed in acceptedAnswers earns full credit; survey-core knows only correctAnswer", () => {
    const { def, json, item } = firstItem((q) => q.type === "text" && (q.acceptedAnswers ?? []).some((a) => lower(a) !== lower(q.correctAnswer)));
    const spelling = json.acceptedAnswers!.find((a) => lower(a) !== lower(json.correctAnswer))!;
    expect(scoreItem(item, spelling)).toBe(item.points);
    expect(coreVerdict(def, json.name, spelling).correct).toBe(false);
    expect(coreVerdict(def, json.name, json.correctAnswer).correct).toBe(true);
  });

  it("(a) a number written with a decimal comma or point earns full credit; survey-core compares the strings", () => {
    const { def, json, item } = firstItem((q) => q.type === "text" && /^-?\d+(,\d+)?$/.test(String(q.correctAnswer)));
    const key = String(json.correctAnswer);
    const typed = key.includes(",") ? `${key.replace(",", ".")}0` : `${key},0`;
    expect(scoreItem(item, typed)).toBe(item.points);
    expect(coreVerdict(def, json.name, typed).correct).toBe(false);
  });

  it("(b) a reversed ranking: the quiz count of survey-core counts it, isAnswerCorrect() and Orientir do not", () => {
    const { def, json, item } = firstItem((q) => q.type === "ranking");
    const reversed = [...(json.correctAnswer as unknown[])].reverse();
    const core = coreVerdict(def, json.name, reversed);
    // survey-core's quiz count compares a ranking ignoring order: any permutation of the key counts as correct.
    expect(core.quizCount).toBe(1);
    expect(core.correct).toBe(false);
    expect(scoreItem(item, reversed)).toBeLessThan(item.points);
    expect(coreVerdict(def, json.name, json.correctAnswer)).toEqual({ correct: true, quizCount: 1 });
    expect(scoreItem(item, json.correctAnswer)).toBe(item.points);
  });
});
