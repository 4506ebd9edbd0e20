// The copy of a survey a respondent receives: everything needed to answer, nothing that scores or gives the key away.
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAnswerCodec } from "../../server/modules/instruments/answer-codec.js";
import { loadLibrary } from "../../server/modules/instruments/instrument-files.js";
import type { InstrumentDefinition, SurveyElementJson, SurveyJson } from "../../server/modules/instruments/instrument.types.js";
import { respondentCopy } from "../../server/modules/instruments/respondent-copy.js";
import { itemValue, questionsOf, walkElements } from "../../server/modules/instruments/survey-walk.js";

const library = await loadLibrary(path.resolve(import.meta.dirname, "../../surveys"));
const instruments = library.instruments.map((def) => [def.id, def] as const);

const FORBIDDEN = [
  "correctAnswer", "points", "competency", "laborAction", "scoring", "acceptedAnswers", "choiceScores", "explanation", "keepOrder", "indicator",
];
const LISTS = ["choices", "rows", "columns", "rateValues"] as const;

/** Every property name used anywhere in a JSON value, at any depth. */
function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, into);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysDeep(v, into);
    }
  }
  return into;
}

const textOf = (item: unknown) => (item !== null && typeof item === "object" && "text" in item ? (item as { text: unknown }).text : undefined);

describe("the served copy of every real instrument", () => {
  it("the library has instruments to serve", () => {
    expect(instruments.length).toBeGreaterThanOrEqual(5);
  });

  it.each(instruments)("%s carries none of Orientir's own properties, at any depth", (_id, def) => {
    const copy = respondentCopy(def);
    const keys = keysDeep(copy);
    expect(FORBIDDEN.filter((name) => keys.has(name))).toEqual([]);
    const text = JSON.stringify(copy);
    for (const name of FORBIDDEN) expect(text.includes(`"${name}":`), name).toBe(false);
  });

  it.each(instruments)("%s keeps every question, its title and every choice, row and column a respondent needs", (_id, def) => {
    const codec = buildAnswerCodec(def);
    const served = new Map(questionsOf(respondentCopy(def)).map((q) => [q.name, q]));
    const original = questionsOf(def.survey);
    expect([...served.keys()]).toEqual(original.map((q) => q.name));
    for (const q of original) {
      const copy = served.get(q.name)!;
      expect([copy.type, copy.title], q.name).toEqual([q.type, q.title]);
      for (const list of LISTS) {
        const items = q[list];
        if (!Array.isArray(items)) continue;
        // Ranking choices are served under opaque tokens; everything else under the file's own values.
        const expected = items.map((item) => [list === "choices" ? codec.served(q.name, itemValue(item)) : itemValue(item), textOf(item)]);
        const got = (copy[list] as unknown[]).map((item) => [itemValue(item), textOf(item)]);
        expect(sortedJson(got), `${q.name}.${list}`).toEqual(sortedJson(expected));
      }
    }
  });

  it.each(instruments)("%s serves no ranking in its key order nor in its reverse, and under values that do not spell the key", (_id, def) => {
    const codec = buildAnswerCodec(def);
    const served = new Map(questionsOf(respondentCopy(def)).map((q) => [q.name, q]));
    for (const q of questionsOf(def.survey).filter((q) => q.type === "ranking" && Array.isArray(q.correctAnswer))) {
      const values = (q.choices ?? []).map(itemValue);
      const back = new Map(values.map((v) => [codec.served(q.name, v), v]));
      const tokens = (served.get(q.name)!.choices ?? []).map(itemValue);
      expect(tokens.some((t) => values.includes(t)), `${q.name}: a served value is a file value`).toBe(false);
      const order = JSON.stringify(tokens.map((t) => back.get(t)));
      const key = q.correctAnswer as unknown[];
      expect(order, `${q.name}: key order`).not.toBe(JSON.stringify(key));
      expect(order, `${q.name}: reversed key order`).not.toBe(JSON.stringify([...key].reverse()));
    }
  });

  it.each(instruments)("%s is copied the same way every time, and the definition is left untouched", (_id, def) => {
    const before = structuredClone(def);
    const first = respondentCopy(def);
    expect(respondentCopy(structuredClone(def))).toEqual(first);
    expect(JSON.stringify(respondentCopy(def))).toBe(JSON.stringify(first));
    expect(def).toEqual(before);
  });
});

function sortedJson(pairs: unknown[][]): string[] {
  return pairs.map((p) => JSON.stringify(p)).sort();
}

/** A small definition with every kind of element a file may hold. */
function synthetic(): InstrumentDefinition {
  return {
    id: "subject-math", version: 1, kind: "subject-test", subject: "math", audience: ["teacher"], title: "Тест", timeLimitMinutes: 30,
    survey: {
      locale: "ru", title: "Тест", pages: [{
        name: "p1", title: "Часть 1", elements: [
          { type: "html", name: "intro", html: "<p>Инструкция</p>" },
          { type: "panel", name: "panel", elements: [
            { type: "radiogroup", name: "r", title: "Выбор", choices: [{ value: "a", text: "А" }, { value: "b", text: "Б" }, { value: "c", text: "В" }], correctAnswer: "b", competency: "math.algebra" },
            { type: "checkbox", name: "c", title: "Несколько", choices: [{ value: "a", text: "А" }, { value: "b", text: "Б" }, { value: "c", text: "В" }], correctAnswer: ["a", "c"], competency: "math.algebra", scoring: "partial" },
          ] },
          { type: "ranking", name: "k", title: "Порядок", choices: [{ value: "a", text: "А" }, { value: "b", text: "Б" }, { value: "c", text: "В" }, { value: "d", text: "Г" }], correctAnswer: ["a", "b", "c", "d"], competency: "math.algebra" },
          { type: "matrix", name: "m", title: "Соответствие", rows: [{ value: "r1", text: "Строка 1" }, { value: "r2", text: "Строка 2" }], columns: [{ value: "x", text: "X" }, { value: "y", text: "Y" }], correctAnswer: { r1: "x", r2: "y" }, competency: "math.algebra" },
          { type: "text", name: "t", title: "Число", inputType: "text", correctAnswer: "12,5", acceptedAnswers: ["12.5"], competency: "math.algebra", explanation: "Потому что" },
        ],
      }],
    },
  };
}

const LEAKY_NAMES = ["hint", "answer", "solution", "rubric", "note", "secret", "key", "comment", "author", "reviewer"];
const leakArb = fc.record({
  name: fc.tuple(fc.constantFrom(...LEAKY_NAMES), fc.string({ unit: fc.constantFrom(..."abcXYZ_"), maxLength: 4 })).map(([a, b]) => `${a}${b}`),
  nested: fc.boolean(),
});

describe("a synthetic definition", () => {
  it("no unknown property, wherever it is added, reaches the copy", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), leakArb), { minLength: 1, maxLength: 12 }), (leaks) => {
      const def = synthetic();
      const targets: Array<Record<string, unknown>> = [def.survey, ...def.survey.pages];
      for (const { element } of walkElements(def.survey)) {
        targets.push(element);
        for (const list of LISTS) for (const item of (element[list] as unknown[] | undefined) ?? []) if (item && typeof item === "object") targets.push(item as Record<string, unknown>);
      }
      const markers: string[] = [];
      leaks.forEach(([at, { name, nested }], i) => {
        const marker = `LEAK-${i}-${name}`;
        markers.push(marker);
        targets[at % targets.length]![name] = nested ? { deep: [marker] } : marker;
      });
      const text = JSON.stringify(respondentCopy(def));
      for (const marker of markers) expect(text, marker).not.toContain(marker);
      const keys = keysDeep(JSON.parse(text));
      for (const [, { name }] of leaks) expect(keys.has(name), name).toBe(false);
    }), { numRuns: 300 });
  });

  it("keeps what the respondent sees: titles, texts, html, panels and presentation settings", () => {
    const def = synthetic();
    Object.assign(questionsOf(def.survey).find((q) => q.name === "t")!, { placeholder: "Например, 3,5", isRequired: true, maxLength: 20 });
    const copy = respondentCopy(def);
    expect(copy.title).toBe("Тест");
    expect(copy.pages[0]).toMatchObject({ name: "p1", title: "Часть 1" });
    const elements = copy.pages[0]!.elements!;
    expect(elements.map((e) => e.name)).toEqual(["intro", "panel", "k", "m", "t"]);
    expect(elements[0]).toEqual({ type: "html", name: "intro", html: "<p>Инструкция</p>" });
    expect(elements[1]!.elements!.map((e) => e.name)).toEqual(["r", "c"]);
    expect(elements[4]).toEqual({ type: "text", name: "t", title: "Число", inputType: "text", placeholder: "Например, 3,5", isRequired: true, maxLength: 20 });
  });

  it("drops regex and expression validators, which could encode the answer, and keeps numeric ones", () => {
    const def = synthetic();
    const question = questionsOf(def.survey).find((q) => q.name === "t")!;
    question.validators = [
      { type: "numeric", minValue: 0, maxValue: 100, text: "Введите число от 0 до 100" },
      { type: "regex", regex: "^12[,.]5$", text: "Неверно" },
      { type: "expression", expression: "{t} = 12.5" },
    ];
    const served = questionsOf(respondentCopy(def)).find((q) => q.name === "t")!;
    expect(served.validators).toEqual([{ type: "numeric", minValue: 0, maxValue: 100, text: "Введите число от 0 до 100" }]);
    question.validators = [{ type: "regex", regex: "^12[,.]5$" }];
    expect(questionsOf(respondentCopy(def)).find((q) => q.name === "t")!.validators).toBeUndefined();
  });

  // BUG: kept validators are copied whole ({ ...v }), so the whitelist ends at the validator: any property
  // written into a numeric validator — an explanation, a hint, a key — is served to the respondent.
  it("an unknown property inside a kept validator stays on the server", () => {
    const def = synthetic();
    questionsOf(def.survey).find((q) => q.name === "t")!.validators = [{ type: "numeric", minValue: 0, maxValue: 100, explanation: "Ответ 12,5" }];
    const text = JSON.stringify(respondentCopy(def));
    expect(text).not.toContain("Ответ 12,5");
  });

  it("never serves a ranking in its key order nor its reverse, whatever the key and the names", () => {
    const rankingArb = fc.record({
      id: fc.stringMatching(/^[a-z][a-z-]{0,12}$/),
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
      key: fc.integer({ min: 3, max: 8 }).chain((n) => fc.shuffledSubarray(Array.from({ length: n }, (_, i) => `v${i}`), { minLength: n, maxLength: n })),
    });
    fc.assert(fc.property(rankingArb, ({ id, name, key }) => {
      const ranking: SurveyElementJson = { type: "ranking", name, choices: [...key].sort().map((value) => ({ value, text: value })), correctAnswer: key, competency: "math.algebra" };
      const def: InstrumentDefinition = { ...synthetic(), id, survey: { pages: [{ name: "p", elements: [ranking] }] } as SurveyJson };
      const codec = buildAnswerCodec(def);
      const back = new Map(key.map((v) => [codec.served(name, v), v]));
      const order = questionsOf(respondentCopy(def))[0]!.choices!.map((c) => back.get(itemValue(c)));
      expect(order).toHaveLength(key.length);
      expect(order).not.toEqual(key);
      expect(order).not.toEqual([...key].reverse());
    }), { numRuns: 500 });
  });

  it("shuffles single and multiple choices with a fixed seed unless keepOrder is set", () => {
    const def = synthetic();
    const choices = "abcdefgh".split("").map((value) => ({ value, text: value.toUpperCase() }));
    def.survey.pages[0]!.elements = [
      { type: "radiogroup", name: "shuffled", choices, correctAnswer: "a", competency: "math.algebra" },
      { type: "radiogroup", name: "kept", choices, correctAnswer: "a", competency: "math.algebra", keepOrder: true },
    ];
    const [shuffled, kept] = questionsOf(respondentCopy(def));
    expect(kept!.choices).toEqual(choices);
    expect(shuffled!.choices).not.toEqual(choices);
    const asSet = (list: unknown[]) => list.map((c) => JSON.stringify(c)).sort();
    expect(asSet(shuffled!.choices!)).toEqual(asSet(choices));
    expect(questionsOf(respondentCopy(def))[0]!.choices).toEqual(shuffled!.choices);
  });
});
