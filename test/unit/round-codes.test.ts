// Codes of a climate round: class names in one spelling, codes spread over classes evenly, every bad request named.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_CODES_PER_REQUEST, normalizeClassName, planCodes, sortClasses } from "../../server/modules/climate/round-codes.js";

describe("class names", () => {
  it.each([
    ["7А", "7А"], ["7 а", "7А"], ["7-А", "7А"], ["7A", "7А"], ["7 «А»", "7А"], ["11б", "11Б"], ["10-1", "10-1"], ["10-01", "10-1"], ["9", "9"], [" 8 в ", "8В"],
  ])("%s is %s", (raw, name) => expect(normalizeClassName(raw)).toBe(name));

  it.each(["3А", "12А", "0", "кот", "", "7АБВ", "7-", "А7"])("%s is not a class of the questionnaire", (raw) => expect(normalizeClassName(raw)).toBeNull());

  it("sorts by grade, then letter", () => expect(sortClasses(["10А", "7Б", "7А", "9В", "7А"])).toEqual(["7А", "7Б", "9В", "10А"]));
});

describe("planning the codes", () => {
  it("prints the total for a whole school when no classes are named", () => {
    expect(planCodes({ codes: 30 }, false)).toEqual({ ok: true, parts: [{ className: null, count: 30 }], total: 30 });
  });

  it("spreads the total over classes, the first ones taking one more", () => {
    expect(planCodes({ classes: ["7А", "7Б", "7В"], codes: 10 }, true)).toEqual({
      ok: true, total: 10, parts: [{ className: "7А", count: 4 }, { className: "7Б", count: 3 }, { className: "7В", count: 3 }],
    });
  });

  it("takes a count per class, or a count class by class", () => {
    expect(planCodes({ classes: ["5А", "6А"], codesPerClass: 25 }, true)).toMatchObject({ ok: true, total: 50 });
    expect(planCodes({ classCodes: { "8 а": 20, "8Б": 22 } }, true)).toEqual({
      ok: true, total: 42, parts: [{ className: "8А", count: 20 }, { className: "8Б", count: 22 }],
    });
  });

  it.each([
    [{}, true, "Укажите, сколько кодов"],
    [{ codes: 5, codesPerClass: 2, classes: ["7А"] }, true, "одним способом"],
    [{ classes: ["7А"], codes: 5 }, false, "только для анкеты обучающихся"],
    [{ classCodes: { "7А": 5 } }, false, "только для анкеты обучающихся"],
    [{ classes: ["7А", "7а"], codes: 5 }, true, "указан дважды"],
    [{ classes: ["2А"], codes: 5 }, true, "не класс"],
    [{ classes: ["7А", "7Б"], codes: 1 }, true, "меньше, чем классов"],
    [{ codesPerClass: 3 }, true, "перечислите классы"],
    [{ codes: 0 }, true, "не меньше 1"],
    [{ codes: 2.5 }, true, "не меньше 1"],
    [{ classCodes: { "7А": 0 } }, true, "не меньше 1"],
    [{ codes: MAX_CODES_PER_REQUEST + 1 }, true, "не больше 2000"],
    [{ classes: Array.from({ length: 61 }, (_, i) => `${5 + (i % 7)}-${i}`), codes: 100 }, true, "Не больше 60 классов"],
  ])("refuses %j with a reason in Russian", (request, classesAllowed, message) => {
    const plan = planCodes(request, classesAllowed);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.message).toContain(message);
  });

  it("property: the codes add up to what was asked, each class gets at least one, and no two classes differ by more than one", () => {
    const classes = fc.uniqueArray(fc.tuple(fc.integer({ min: 5, max: 11 }), fc.constantFrom(..."АБВГДЕ")).map(([g, l]) => `${g}${l}`), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(classes, fc.integer({ min: 1, max: MAX_CODES_PER_REQUEST }), (names, total) => {
      const plan = planCodes({ classes: names, codes: total }, true);
      expect(plan.ok).toBe(total >= names.length);
      if (!plan.ok) return;
      const counts = plan.parts.map((p) => p.count);
      expect(counts.reduce((s, c) => s + c, 0)).toBe(total);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(plan.parts.map((p) => p.className)).toEqual(names);
    }), { numRuns: 300 });
  });

  it("property: any spelling of a class normalizes to a name that normalizes to itself", () => {
    fc.assert(fc.property(fc.integer({ min: 5, max: 11 }), fc.constantFrom("а", "Б", "в", "A", "B", "e"), fc.constantFrom("", " ", "-", " «"), (grade, letter, sep) => {
      const name = normalizeClassName(`${grade}${sep}${letter}`);
      expect(name).not.toBeNull();
      expect(normalizeClassName(name!)).toBe(name);
    }), { numRuns: 200 });
  });
});
