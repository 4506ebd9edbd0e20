// The scorer as the specification of docs/instruments.md: one example per rule, then properties over random keys.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Competency, InstrumentDefinition, LevelThresholds, SurveyElementJson } from "../../server/modules/instruments/instrument.types.js";
import { compileAnswerKey, type AnswerKey, type ItemKey, type ItemRule } from "../../server/modules/scoring/answer-key.js";
import { levelFor, scoreItem, scoreResponse, type Answers } from "../../server/modules/scoring/scorer.js";
import { normalizeText } from "../../server/modules/scoring/text-answers.js";

const COMPETENCIES: Competency[] = [
  { id: "math.algebra", title: "Алгебра", area: "subject", subject: "math" },
  { id: "math.geometry", title: "Геометрия", area: "subject", subject: "math" },
  { id: "method.assessment", title: "Оценивание", area: "method" },
];

const choices = (...values: Array<string | number>) => values.map((value) => ({ value, text: `Вариант ${value}` }));

function instrument(elements: SurveyElementJson[], levels?: LevelThresholds): InstrumentDefinition {
  return {
    id: "subject-math", version: 1, kind: "subject-test", subject: "math", audience: ["teacher"], title: "Тест",
    timeLimitMinutes: 90, ...(levels ? { levels } : {}), survey: { locale: "ru", pages: [{ name: "p1", elements }] },
  };
}

/** The compiled key of a single question, as the platform builds it from a file. */
function itemOf(question: Omit<SurveyElementJson, "name"> & { name?: string }): ItemKey {
  const key = compileAnswerKey(instrument([{ name: "q", competency: "math.algebra", ...question } as SurveyElementJson]), COMPETENCIES);
  expect(key.items).toHaveLength(1);
  return key.items[0]!;
}

describe("one answer under each rule", () => {
  it("a single choice earns its points only for the key", () => {
    const item = itemOf({ type: "radiogroup", choices: choices("a", "b", "c"), correctAnswer: "b", points: 2 });
    expect(scoreItem(item, "b")).toBe(2);
    expect(scoreItem(item, "a")).toBe(0);
    expect(scoreItem(item, "B")).toBe(0);
    expect(scoreItem(item, undefined)).toBe(0);
  });

  it("a numeric choice value matches whether it arrives as a number or a string", () => {
    const item = itemOf({ type: "radiogroup", choices: choices(1, 2, 3), correctAnswer: 2, keepOrder: true });
    expect(scoreItem(item, 2)).toBe(1);
    expect(scoreItem(item, "2")).toBe(1);
    expect(scoreItem(item, 3)).toBe(0);
  });

  it("a yes/no question earns its points for the keyed boolean", () => {
    const yes = itemOf({ type: "boolean", correctAnswer: true });
    expect(scoreItem(yes, true)).toBe(1);
    expect(scoreItem(yes, "true")).toBe(1);
    expect(scoreItem(yes, false)).toBe(0);
    const no = itemOf({ type: "boolean", correctAnswer: false, points: 3 });
    expect(scoreItem(no, false)).toBe(3);
    expect(scoreItem(no, true)).toBe(0);
  });

  describe("a typed answer", () => {
    const decimal = itemOf({ type: "text", correctAnswer: "12,5", points: 2 });
    const word = itemOf({ type: "text", correctAnswer: "Пятистопный хорей", acceptedAnswers: ["хорей пятистопный"] });

    it("reads a decimal comma as a point and compares numbers by value", () => {
      for (const answer of ["12,5", "12.5", " 12,50 ", "12.500", 12.5]) expect(scoreItem(decimal, answer), String(answer)).toBe(2);
      for (const answer of ["125", "12", "12,6", 125]) expect(scoreItem(decimal, answer), String(answer)).toBe(0);
    });

    it("ignores case, surrounding and doubled spaces, and reads ё as е", () => {
      for (const answer of ["пятистопный хорей", "  ПЯТИСТОПНЫЙ   ХОРЕЙ ", "пятистопный\tхорей"]) expect(scoreItem(word, answer), answer).toBe(1);
      const tree = itemOf({ type: "text", correctAnswer: "ёлка" });
      expect(scoreItem(tree, "елка")).toBe(1);
      expect(scoreItem(tree, "ЁЛКА")).toBe(1);
      expect(scoreItem(tree, "ель")).toBe(0);
    });

    it("accepts each of acceptedAnswers as well as the key, and nothing else", () => {
      expect(scoreItem(word, "Хорей  пятистопный")).toBe(1);
      expect(scoreItem(word, "ямб")).toBe(0);
      expect(scoreItem(word, "")).toBe(0);
    });

    it("matches a numeric key given as a number", () => {
      const item = itemOf({ type: "text", correctAnswer: 88 });
      expect(scoreItem(item, "88")).toBe(1);
      expect(scoreItem(item, 88)).toBe(1);
      expect(scoreItem(item, "88,0")).toBe(1);
    });
  });

  describe("a set of choices", () => {
    const six = choices("a", "b", "c", "d", "e", "f");

    it("all-or-nothing: exactly the key set, in any order, earns the points", () => {
      const item = itemOf({ type: "checkbox", choices: six, correctAnswer: ["a", "c", "e"], points: 2 });
      expect(scoreItem(item, ["e", "a", "c"])).toBe(2);
      expect(scoreItem(item, ["a", "c"])).toBe(0);
      expect(scoreItem(item, ["a", "c", "e", "f"])).toBe(0);
      expect(scoreItem(item, "a")).toBe(0);
    });

    it("partial: points × max(0, right − wrong) / size of key", () => {
      const item = itemOf({ type: "checkbox", choices: six, correctAnswer: ["a", "b", "c", "d"], points: 2, scoring: "partial" });
      expect(scoreItem(item, ["a", "b", "c", "d"])).toBe(2);
      expect(scoreItem(item, ["a", "b", "c"])).toBe(1.5);
      expect(scoreItem(item, ["a", "b", "c", "e"])).toBe(1);
      expect(scoreItem(item, ["a", "e", "f"])).toBe(0);
      expect(scoreItem(item, ["a", "b", "c", "d", "e", "f"])).toBe(1);
      expect(scoreItem(item, [])).toBe(0);
    });

    it("partial: choosing the same value twice counts it once", () => {
      const item = itemOf({ type: "checkbox", choices: six, correctAnswer: ["a", "b"], scoring: "partial" });
      expect(scoreItem(item, ["a", "a"])).toBe(0.5);
    });
  });

  describe("an order", () => {
    const five = choices("a", "b", "c", "d", "e");

    it("all-or-nothing: only the exact order earns the points", () => {
      const item = itemOf({ type: "ranking", choices: five, correctAnswer: ["a", "b", "c", "d", "e"], points: 2 });
      expect(scoreItem(item, ["a", "b", "c", "d", "e"])).toBe(2);
      expect(scoreItem(item, ["a", "b", "c", "e", "d"])).toBe(0);
      expect(scoreItem(item, ["e", "d", "c", "b", "a"])).toBe(0);
      expect(scoreItem(item, ["a", "b", "c", "d"])).toBe(0);
    });

    it("partial: points × (items in their right place) / items", () => {
      const item = itemOf({ type: "ranking", choices: five, correctAnswer: ["a", "b", "c", "d", "e"], points: 2, scoring: "partial" });
      expect(scoreItem(item, ["a", "b", "c", "e", "d"])).toBeCloseTo(2 * 3 / 5, 10);
      expect(scoreItem(item, ["e", "d", "c", "b", "a"])).toBeCloseTo(2 * 1 / 5, 10);
      expect(scoreItem(item, ["b", "c", "d", "e", "a"])).toBe(0);
      expect(scoreItem(item, ["a", "b", "c", "d", "e"])).toBe(2);
    });
  });

  describe("a matching", () => {
    const question = { type: "matrix", rows: choices("r1", "r2", "r3", "r4"), columns: choices("x", "y", "z"), correctAnswer: { r1: "x", r2: "y", r3: "z", r4: "x" } };

    it("all-or-nothing: every row right earns the points", () => {
      const item = itemOf({ ...question, points: 2 });
      expect(scoreItem(item, { r1: "x", r2: "y", r3: "z", r4: "x" })).toBe(2);
      expect(scoreItem(item, { r1: "x", r2: "y", r3: "z", r4: "y" })).toBe(0);
      expect(scoreItem(item, { r1: "x", r2: "y", r3: "z" })).toBe(0);
      expect(scoreItem(item, ["x", "y", "z", "x"])).toBe(0);
    });

    it("partial: points × (rows right) / rows", () => {
      const item = itemOf({ ...question, points: 2, scoring: "partial" });
      expect(scoreItem(item, { r1: "x", r2: "y", r3: "z", r4: "y" })).toBe(1.5);
      expect(scoreItem(item, { r1: "x", r3: "z" })).toBe(1);
      expect(scoreItem(item, { r1: "y", r2: "x" })).toBe(0);
    });
  });

  it("choice scores: each choice earns its own points, the best one the maximum", () => {
    const item = itemOf({ type: "radiogroup", choices: choices("a", "b", "c", "d"), choiceScores: { a: 3, b: 1, c: 0, d: 2 } });
    expect(item.maxPoints).toBe(3);
    expect([scoreItem(item, "a"), scoreItem(item, "b"), scoreItem(item, "c"), scoreItem(item, "d")]).toEqual([3, 1, 0, 2]);
    expect(scoreItem(item, "e")).toBe(0);
  });

  it("a self-assessment scale: points × (value − lowest) / (highest − lowest)", () => {
    const item = itemOf({ type: "radiogroup", choices: choices(1, 2, 3, 4), scoring: "scale", points: 3, keepOrder: true });
    expect([1, 2, 3, 4].map((v) => scoreItem(item, v))).toEqual([0, 1, 2, 3]);
    expect(scoreItem(item, "4")).toBe(3);
    expect(scoreItem(item, 5)).toBe(0);
    expect(scoreItem(item, 0)).toBe(0);
    const rating = itemOf({ type: "rating", rateValues: [0, 1, 2, 3, 4, 5], scoring: "scale" });
    expect(scoreItem(rating, 4)).toBeCloseTo(0.8, 10);
  });
});

describe("a whole response", () => {
  const def = instrument([
    { type: "radiogroup", name: "a1", competency: "math.algebra", choices: choices("a", "b"), correctAnswer: "a" },
    { type: "checkbox", name: "a2", competency: "math.algebra", choices: choices("a", "b", "c", "d"), correctAnswer: ["a", "b"], scoring: "partial", points: 2 },
    { type: "text", name: "g1", competency: "math.geometry", correctAnswer: "90" },
    { type: "html", name: "note", html: "<p>Часть 2</p>" },
    { type: "radiogroup", name: "a3", competency: "math.algebra", choices: choices("a", "b"), correctAnswer: "b" },
    { type: "comment", name: "free" },
  ]);
  const key = compileAnswerKey(def, COMPETENCIES);

  it("sums items into competencies (in the order first measured) and into the total", () => {
    const result = scoreResponse(key, { a1: "a", a2: ["a", "c", "d"], g1: "90", a3: "a", free: "текст" });
    expect(result.items.map((i) => [i.name, i.score, i.maxScore])).toEqual([["a1", 1, 1], ["a2", 0, 2], ["g1", 1, 1], ["a3", 0, 1]]);
    expect(result.competencies.map((c) => [c.id, c.title, c.score, c.maxScore, c.items])).toEqual([
      ["math.algebra", "Алгебра", 1, 4, 3], ["math.geometry", "Геометрия", 1, 1, 1],
    ]);
    expect(result.competencies.map((c) => c.percent)).toEqual([25, 100]);
    expect(result.competencies.map((c) => c.level)).toEqual(["deficit", "proficient"]);
    expect([result.score, result.maxScore, result.percent]).toEqual([2, 5, 40]);
  });

  it("counts partial credit into the sums", () => {
    const result = scoreResponse(key, { a1: "a", a2: ["a"], g1: "91", a3: "b" });
    expect(result.competencies[0]).toMatchObject({ score: 3, maxScore: 4, percent: 75, level: "proficient" });
    expect(result.score).toBe(3);
  });

  it("an empty response scores nothing and leaves every competency a deficit", () => {
    const result = scoreResponse(key, {});
    expect([result.score, result.maxScore, result.percent]).toEqual([0, 5, 0]);
    expect(result.competencies.every((c) => c.score === 0 && c.level === "deficit")).toBe(true);
  });
});

describe("levels", () => {
  const DEFAULT = { partial: 50, proficient: 75 };

  it.each([
    [0, "deficit"], [49.99, "deficit"], [50, "partial"], [74.99, "partial"], [75, "proficient"], [100, "proficient"],
  ] as const)("with the default thresholds %s percent is %s", (percent, level) => {
    expect(levelFor(percent, DEFAULT)).toBe(level);
  });

  it.each([
    [39.99, "deficit"], [40, "partial"], [89.99, "partial"], [90, "proficient"],
  ] as const)("with thresholds 40/90, %s percent is %s", (percent, level) => {
    expect(levelFor(percent, { partial: 40, proficient: 90 })).toBe(level);
  });

  const fourItems = (levels?: LevelThresholds) => compileAnswerKey(instrument(
    ["q1", "q2", "q3", "q4"].map((name) => ({ type: "radiogroup", name, competency: "math.algebra", choices: choices("a", "b"), correctAnswer: "a" })),
    levels,
  ), COMPETENCIES);
  const rightOf = (n: number): Answers => Object.fromEntries(["q1", "q2", "q3", "q4"].map((q, i) => [q, i < n ? "a" : "b"]));

  it("a competency at exactly 50% or 75% reaches the next level", () => {
    const key = fourItems();
    expect(scoreResponse(key, rightOf(2)).competencies[0]).toMatchObject({ percent: 50, level: "partial" });
    expect(scoreResponse(key, rightOf(3)).competencies[0]).toMatchObject({ percent: 75, level: "proficient" });
  });

  it("an instrument's own levels replace the defaults", () => {
    const key = fourItems({ partial: 60, proficient: 90 });
    expect(key.levels).toEqual({ partial: 60, proficient: 90 });
    expect([1, 2, 3, 4].map((n) => scoreResponse(key, rightOf(n)).competencies[0]!.level)).toEqual(["deficit", "deficit", "partial", "proficient"]);
  });

  // Rounding each item before summing once made these 1.9999 of 4 (49.9975%): a deficit shown for a true 50%.
  it("three thirds of partial credit make a whole: a competency at exactly 50% is partial", () => {
    const third = (name: string): SurveyElementJson => ({
      type: "checkbox", name, competency: "math.algebra", choices: choices("a", "b", "c", "d"), correctAnswer: ["a", "b", "c"], scoring: "partial",
    });
    const key = compileAnswerKey(instrument([
      third("t1"), third("t2"), third("t3"),
      { type: "radiogroup", name: "r", competency: "math.algebra", choices: choices("a", "b"), correctAnswer: "a" },
    ]), COMPETENCIES);
    const result = scoreResponse(key, { t1: ["a"], t2: ["b"], t3: ["c"], r: "a" });
    expect(result.competencies[0]).toMatchObject({ score: 2, maxScore: 4, percent: 50, level: "partial" });
  });
});

describe("malformed answers", () => {
  const scale = itemOf({ type: "radiogroup", choices: choices(1, 2, 3, 4), scoring: "scale", keepOrder: true });
  const cases = itemOf({ type: "radiogroup", choices: choices("a", "b", "c"), choiceScores: { a: 2, b: 1, c: 0 } });

  it("earn nothing and never throw", () => {
    for (const answer of [null, {}, [], [1], { a: 1 }, "", "zz", Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(scoreItem(scale, answer), JSON.stringify(answer)).toBe(0);
      expect(scoreItem(cases, answer), JSON.stringify(answer)).toBe(0);
    }
  });

  // A lookup on a plain object would find Object.prototype's members and score NaN, spoiling every total.
  it("an answer naming an Object.prototype member earns nothing under choice scores", () => {
    for (const answer of ["constructor", "toString", "__proto__", "hasOwnProperty"]) expect(scoreItem(cases, answer), answer).toBe(0);
  });

  // Number() or String() of such an object throws ("Cannot convert object to primitive value"): a 500 on submit.
  it("an object whose toString is not a function earns nothing under the scale and boolean rules", () => {
    const hostile = JSON.parse('{"toString": 1}') as unknown;
    expect(scoreItem(scale, hostile)).toBe(0);
    expect(scoreItem(itemOf({ type: "boolean", correctAnswer: true }), [hostile])).toBe(0);
  });

  // String([true]) is "true": comparing strings alone would give an array the item's points.
  it("an array earns nothing on a yes/no item", () => {
    const yes = itemOf({ type: "boolean", correctAnswer: true });
    expect(scoreItem(yes, [true])).toBe(0);
    expect(scoreItem(yes, ["true"])).toBe(0);
  });
});



// ---------------------------------------------------------------------------------------------------
// Properties over random answer keys and random answers.

const VALUES = ["a", "b", "c", "d", "e", "f"];
const TEXT_KEYS = ["12,5", "88", "-3", "барокко", "had left", "Ёлка", "06:40", "пятистопный хорей"];
const COMPETENCY_IDS = ["c1", "c2", "c3"];

const ruleArb: fc.Arbitrary<ItemRule> = fc.oneof(
  fc.constantFrom(...VALUES).map((value): ItemRule => ({ kind: "choice", value })),
  fc.boolean().map((value): ItemRule => ({ kind: "boolean", value })),
  fc.uniqueArray(fc.constantFrom(...TEXT_KEYS), { minLength: 1, maxLength: 3 })
    .map((raw): ItemRule => ({ kind: "text", accepted: [...new Set(raw.map(normalizeText))] })),
  fc.record({ values: fc.shuffledSubarray(VALUES, { minLength: 1 }), partial: fc.boolean() }).map((r): ItemRule => ({ kind: "set", ...r })),
  fc.record({ values: fc.shuffledSubarray(VALUES, { minLength: 2 }), partial: fc.boolean() }).map((r): ItemRule => ({ kind: "order", ...r })),
  fc.record({ columns: fc.array(fc.constantFrom(...VALUES), { minLength: 2, maxLength: 5 }), partial: fc.boolean() })
    .map((r): ItemRule => ({ kind: "matching", pairs: Object.fromEntries(r.columns.map((c, i) => [`r${i + 1}`, c])), partial: r.partial })),
  fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 5 })
    .filter((s) => Math.max(...s) > 0 && s.filter((v) => v === Math.max(...s)).length === 1)
    .map((s): ItemRule => ({ kind: "choice-scores", scores: Object.fromEntries(s.map((v, i) => [VALUES[i]!, v])) })),
  fc.constantFrom([1, 4], [0, 3], [1, 5], [1, 2]).map(([min, max]): ItemRule => ({ kind: "scale", min: min!, max: max! })),
);

const itemArb = fc.record({
  competency: fc.constantFrom(...COMPETENCY_IDS),
  points: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constantFrom(0.5, 2.5)),
  rule: ruleArb,
});

const keyArb: fc.Arbitrary<AnswerKey> = fc.array(itemArb, { minLength: 1, maxLength: 12 }).map((raw) => {
  const items: ItemKey[] = raw.map(({ competency, points, rule }, i) => {
    // As compiled: choice scores carry their best score as the item's points.
    const best = rule.kind === "choice-scores" ? Math.max(...Object.values(rule.scores)) : points;
    return { name: `q${i + 1}`, competency, points: best, maxPoints: best, rule };
  });
  const order = [...new Set(items.map((i) => i.competency))];
  return { instrumentId: "random", version: 1, levels: { partial: 50, proficient: 75 }, competencies: order.map((id) => ({ id, title: id.toUpperCase() })), items };
});

/** The answer the key asks for. */
function keyAnswer(rule: ItemRule): unknown {
  switch (rule.kind) {
    case "choice": case "boolean": return rule.value;
    case "text": return rule.accepted[0];
    case "set": case "order": return [...rule.values];
    case "matching": return { ...rule.pairs };
    case "choice-scores": return Object.entries(rule.scores).sort((a, b) => b[1] - a[1])[0]![0];
    case "scale": return rule.max;
  }
}

/** Answers a respondent could plausibly give, right or wrong. */
function plausibleAnswer(rule: ItemRule): fc.Arbitrary<unknown> {
  switch (rule.kind) {
    case "choice": return fc.constantFrom(...VALUES);
    case "boolean": return fc.boolean();
    case "text": return fc.oneof(fc.constantFrom(...TEXT_KEYS, "12.5", " 12,50 ", "ЕЛКА", "had  left", "−3", "nope", ""), fc.string(), fc.integer());
    case "set": return fc.shuffledSubarray([...VALUES, "g"]);
    case "order": return fc.oneof(fc.shuffledSubarray(rule.values, { minLength: rule.values.length }), fc.shuffledSubarray([...VALUES, "g"]));
    case "matching": return fc.dictionary(fc.constantFrom(...Object.keys(rule.pairs), "r9"), fc.constantFrom(...VALUES));
    case "choice-scores": return fc.constantFrom(...Object.keys(rule.scores), "zz");
    case "scale": return fc.oneof(fc.integer({ min: rule.min - 1, max: rule.max + 1 }), fc.double({ noNaN: true }), fc.constantFrom("1", "2", " 3 "));
  }
}

/** Any value a JSON body can carry: answers reach the scorer parsed from JSON. */
const jsonArb: fc.Arbitrary<unknown> = fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as unknown);

const answerArb = (rule: ItemRule) => fc.oneof(
  { arbitrary: fc.constant(keyAnswer(rule)), weight: 2 },
  { arbitrary: plausibleAnswer(rule), weight: 4 },
  { arbitrary: jsonArb, weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

const scenarioArb = keyArb.chain((key) => fc.tuple(
  fc.constant(key),
  fc.tuple(...key.items.map((item) => answerArb(item.rule))).map((values) => Object.fromEntries(values.map((v, i) => [key.items[i]!.name, v]))),
));

const allKeyed = (key: AnswerKey): Answers => Object.fromEntries(key.items.map((item) => [item.name, keyAnswer(item.rule)]));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("properties of scoring over random keys and answers", () => {
  it("every item scores within [0, its maximum]", () => {
    fc.assert(fc.property(scenarioArb, ([key, answers]) => {
      for (const item of key.items) {
        const score = scoreItem(item, answers[item.name]);
        expect(score, `${item.rule.kind}: ${JSON.stringify(answers[item.name])}`).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(item.maxPoints);
      }
    }), { numRuns: 400 });
  });

  it("the total is the sum of the items, and each competency the sum of its items", () => {
    fc.assert(fc.property(scenarioArb, ([key, answers]) => {
      const result = scoreResponse(key, answers);
      expect(result.score).toBeCloseTo(sum(result.items.map((i) => i.score)), 9);
      expect(result.maxScore).toBeCloseTo(sum(key.items.map((i) => i.maxPoints)), 9);
      expect(sum(result.competencies.map((c) => c.items))).toBe(key.items.length);
      for (const c of result.competencies) {
        const mine = result.items.filter((i) => i.competency === c.id);
        expect(c.score).toBeCloseTo(sum(mine.map((i) => i.score)), 9);
        expect(c.maxScore).toBeCloseTo(sum(mine.map((i) => i.maxScore)), 9);
      }
    }), { numRuns: 300 });
  });

  it("percent is 100 × score / maxScore, for the total and for every competency, with its level", () => {
    fc.assert(fc.property(scenarioArb, ([key, answers]) => {
      const result = scoreResponse(key, answers);
      expect(result.percent).toBeCloseTo((100 * result.score) / result.maxScore, 9);
      for (const c of result.competencies) {
        expect(c.percent).toBeCloseTo((100 * c.score) / c.maxScore, 9);
        expect(c.level).toBe(levelFor(c.percent, key.levels));
      }
    }), { numRuns: 300 });
  });

  it("answering every item with its key gives 100% and every competency proficient", () => {
    fc.assert(fc.property(keyArb, (key) => {
      const result = scoreResponse(key, allKeyed(key));
      expect(result.score).toBe(result.maxScore);
      expect(result.percent).toBe(100);
      expect(result.competencies.every((c) => c.percent === 100 && c.level === "proficient")).toBe(true);
    }), { numRuns: 300 });
  });

  it("an empty response scores 0", () => {
    fc.assert(fc.property(keyArb, (key) => {
      const result = scoreResponse(key, {});
      expect(result.score).toBe(0);
      expect(result.percent).toBe(0);
      expect(result.competencies.every((c) => c.score === 0 && c.level === "deficit")).toBe(true);
    }), { numRuns: 100 });
  });

  it("partial credit never exceeds full credit", () => {
    const partialItem = itemArb.filter(({ rule }) => "partial" in rule && rule.partial)
      .map(({ competency, points, rule }): ItemKey => ({ name: "q", competency, points, maxPoints: points, rule }));
    fc.assert(fc.property(partialItem.chain((item) => fc.tuple(fc.constant(item), answerArb(item.rule))), ([item, answer]) => {
      expect(scoreItem(item, answer)).toBeLessThanOrEqual(scoreItem(item, keyAnswer(item.rule)));
    }), { numRuns: 400 });
  });

  it("adding a correct checkbox choice never lowers the score; adding a wrong one never raises it", () => {
    const case_ = fc.record({
      key: fc.shuffledSubarray(VALUES, { minLength: 1 }),
      chosen: fc.shuffledSubarray(VALUES),
      added: fc.constantFrom(...VALUES),
      points: fc.integer({ min: 1, max: 10 }),
      partial: fc.boolean(),
    }).filter(({ chosen, added }) => !chosen.includes(added));
    fc.assert(fc.property(case_, ({ key, chosen, added, points, partial }) => {
      const item: ItemKey = { name: "q", competency: "c1", points, maxPoints: points, rule: { kind: "set", values: key, partial } };
      const before = scoreItem(item, chosen);
      const after = scoreItem(item, [...chosen, added]);
      if (key.includes(added)) expect(after).toBeGreaterThanOrEqual(before);
      else expect(after).toBeLessThanOrEqual(before);
    }), { numRuns: 500 });
  });

  it("answers of the wrong type never throw and score 0 unless equal in value", () => {
    const objectArb = fc.dictionary(fc.string(), jsonArb, { noNullPrototype: true, maxKeys: 4 });
    const arrayArb = fc.array(jsonArb, { maxLength: 4 });
    fc.assert(fc.property(itemArb, fc.oneof(objectArb, arrayArb, fc.constant(null)), ({ points, rule }, wrong) => {
      const item: ItemKey = { name: "q", competency: "c1", points, maxPoints: points, rule };
      const isArrayRule = rule.kind === "set" || rule.kind === "order";
      const isObjectRule = rule.kind === "matching";
      // An array is the right type for sets and orders, an object for matchings: those are scored on their merits.
      if ((Array.isArray(wrong) && isArrayRule) || (wrong !== null && !Array.isArray(wrong) && isObjectRule)) {
        expect(scoreItem(item, wrong)).toBeGreaterThanOrEqual(0);
      } else {
        expect(scoreItem(item, wrong)).toBe(0);
      }
    }), { numRuns: 500 });
  });

  it("a number where a string is expected scores only when it equals the key in value", () => {
    fc.assert(fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), (keyed, given) => {
      const choice: ItemKey = { name: "q", competency: "c1", points: 1, maxPoints: 1, rule: { kind: "choice", value: String(keyed) } };
      const text: ItemKey = { name: "q", competency: "c1", points: 1, maxPoints: 1, rule: { kind: "text", accepted: [normalizeText(String(keyed))] } };
      const expected = keyed === given ? 1 : 0;
      expect(scoreItem(choice, given)).toBe(expected);
      expect(scoreItem(text, given)).toBe(expected);
      expect(scoreItem({ ...choice, rule: { kind: "choice", value: "a" } }, given)).toBe(0);
      expect(scoreItem({ ...text, rule: { kind: "text", accepted: ["барокко"] } }, given)).toBe(0);
    }), { numRuns: 300 });
  });
});
