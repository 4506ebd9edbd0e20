// The risk profile: each factor's level and reasons on examples; missing data says so and yields only "unknown" (property).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizeExams, type ExamRow } from "../../server/modules/schools/exam-summary.js";
import { bandLevel } from "../../server/modules/schools/risk-factor.js";
import { RISK_FACTORS, riskProfile, type RiskInput } from "../../server/modules/schools/risk-profile.js";
import { NO_TEACHERS, type ClimateGroup, type TeacherFigures } from "../../server/modules/schools/school-inputs.js";

/** A card of a well-equipped, well-staffed city school. */
const GOOD_CARD: Record<string, number> = {
  "internet-speed": 100, "computers-per-student": 0.2, "science-labs": 3, library: 3, "sports-hall": 2, canteen: 2, sanitation: 3, "capital-repair": 0,
  "vacancy-rate": 1, "out-of-specialty-share": 5, "turnover-rate": 5, "share-teachers-over-60": 10, "specialists-uncovered": 0,
  "share-non-native": 2, registers: 1, "share-ovz": 3,
};
const cardOf = (over: Record<string, number | null> = {}) => new Map<string, number | null>(Object.entries({ ...GOOD_CARD, ...over }));
const exam = (subject: string, shareFailed: number, exam: ExamRow["exam"] = "vpr"): ExamRow =>
  ({ year: 2025, exam, subject, grades: [6], participants: 40, meanScore: 3.4, shareFailed, shareHigh: 0.3 });
const TESTED: TeacherFigures = {
  total: 12, tested: 10, subjectDeficit: 6, methodDeficit: 2, bySubject: {}, byMethod: { "method.differentiation": { tested: 10, deficit: 3 } },
};
const NOTHING: RiskInput = { indicators: null, exams: summarizeExams([]), teachers: NO_TEACHERS, leader: null, climate: null };
const profile = (over: Partial<RiskInput>) => Object.fromEntries(riskProfile({ ...NOTHING, ...over }).map((f) => [f.id, f]));

describe("a school with no data at all", () => {
  it("has all eleven factors, in the programme's order, each with level «unknown» and saying what is missing", () => {
    const factors = riskProfile(NOTHING);
    expect(factors.map((f) => f.id)).toEqual(RISK_FACTORS.map((f) => f.id));
    for (const f of factors) {
      expect(f.level, f.id).toBe("unknown");
      expect(f.reasons.length, f.id).toBeGreaterThan(0);
      for (const r of f.reasons) expect(r, f.id).toMatch(/^нет данных: /);
    }
    expect(profile({}).equipment!.reasons).toEqual(["нет данных: карта условий не заполнена"]);
    expect(profile({})["teacher-competence"]!.reasons).toEqual(["нет данных: учителя школы не прошли диагностику"]);
  });
});

describe("factors from the conditions card", () => {
  it("a good card is low on every card factor, and says why", () => {
    const p = profile({ indicators: cardOf() });
    for (const id of ["equipment", "staff-shortage", "special-needs", "language-barriers"]) expect(p[id]!.level, id).toBe("low");
    expect(p.equipment!.reasons[0]).toMatch(/^Признаков низкой оснащённости: 0 из 8/);
    expect(p["special-needs"]!.reasons).toEqual(["Доля обучающихся с ОВЗ — 3 % (порог среднего уровня — 7 %)"]);
  });

  it("equipment: two gaps make it medium, four high, and an emergency building high on its own", () => {
    expect(profile({ indicators: cardOf({ "internet-speed": 20, library: 1 }) }).equipment).toMatchObject({
      level: "medium", reasons: [expect.stringMatching(/: интернет 20 Мбит\/с \(меньше 50\); в библиотеке нет читального зала$/)],
    });
    expect(profile({ indicators: cardOf({ "internet-speed": 20, library: 0, canteen: 1, "sports-hall": 0 }) }).equipment!.level).toBe("high");
    expect(profile({ indicators: cardOf({ "capital-repair": 3 }) }).equipment).toMatchObject({ level: "high", reasons: [expect.stringMatching(/аварийное/)] });
  });

  it("staff shortage takes the worst of its checks and gives only the checks that raised it", () => {
    const f = profile({ indicators: cardOf({ "vacancy-rate": 12, "turnover-rate": 16 }) })["staff-shortage"]!;
    expect(f.level).toBe("high");
    expect(f.reasons).toEqual([
      "Вакантные ставки на 100 учителей — 12 % (высокий уровень — от 10 %)",
      "Доля учителей, уволившихся за прошлый год — 16 % (средний уровень — от 15 %)",
    ]);
    expect(f.indicators.find((i) => i.id === "vacancy-rate")).toEqual({ id: "vacancy-rate", title: "Вакантные ставки на 100 учителей", value: 12, unit: "%" });
  });

  it("a card with an unanswered question names it and keeps the level of what is answered", () => {
    const f = profile({ indicators: cardOf({ "share-ovz": null }) })["special-needs"]!;
    expect(f).toMatchObject({ level: "unknown", reasons: ["нет данных: в карте условий нет ответа на этот вопрос"] });
  });

  it("language barriers: below 5 % of other home languages the barrier is not there; above it the results decide", () => {
    expect(profile({ indicators: cardOf({ "share-non-native": 3 }) })["language-barriers"]!.level).toBe("low");
    const present = profile({ indicators: cardOf({ "share-non-native": 20 }), exams: summarizeExams([exam("russian", 0.3)]) })["language-barriers"]!;
    expect(present.level).toBe("high");
    expect(present.reasons[0]).toMatch(/русскому языку .* при 20 % детей с другим языком семьи — 30 % \(высокий уровень — от 25 %\)/);
    expect(profile({ indicators: cardOf({ "share-non-native": 20 }) })["language-barriers"]!.level).toBe("unknown");
  });
});

describe("factors from results", () => {
  it("failure risk: the worse of mathematics and Russian, and ЕГЭ below the minimum", () => {
    const f = profile({ exams: summarizeExams([exam("math", 0.18), exam("russian", 0.08), exam("russian", 0.12, "ege")]) })["failure-risk"]!;
    expect(f.level).toBe("high");
    expect(f.reasons).toEqual([
      "Доля «2» по математике (ВПР и ОГЭ, 2025 г.), бóльшая из двух предметов — 18 % (средний уровень — от 15 %)",
      "Доля не преодолевших минимальный порог ЕГЭ (2025 г.) — 12 % (высокий уровень — от 10 %)",
    ]);
  });

  it("teachers: needs two tested, then the shares with deficits decide", () => {
    expect(profile({ teachers: { ...TESTED, tested: 1 } })["teacher-competence"]).toMatchObject({ level: "unknown", reasons: ["нет данных: диагностику прошли 1 из 12 учителей, нужно не меньше 2"] });
    expect(profile({ teachers: TESTED })["teacher-competence"]).toMatchObject({ level: "high", reasons: ["Доля учителей с дефицитами по темам своего предмета — 60 % (высокий уровень — от 50 %)"] });
    expect(profile({ teachers: TESTED }).adaptivity).toMatchObject({ level: "medium" });
  });

  it("the leader's self-assessment: a deficit (below 50 %) in staff development is high", () => {
    const f = profile({ leader: new Map([["lead.staff", 40]]) })["professional-development"]!;
    expect(f.level).toBe("high");
    expect(f.reasons[0]).toBe("Самооценка руководителя: «Развитие кадров, наставничество, профессиональные сообщества» — 40 % (высокий уровень — ниже 50 %)");
  });

  it("climate: parents' involvement and students' motivation come only from the climate scales", () => {
    const climate: ClimateGroup[] = [
      { audience: "parent", scales: [{ id: "parent-involvement", score: 55 }] },
      { audience: "student", scales: [{ id: "motivation", score: 80 }, { id: "bullying", score: 45 }] },
    ];
    const p = profile({ climate });
    expect(p["parent-involvement"]).toMatchObject({ level: "medium", reasons: ["Климат, шкала «Вовлечённость родителей» (родители) — 55 из 100 (средний уровень — ниже 60 из 100)"] });
    expect(p.motivation!.level).toBe("low");
    expect(p.environment!.level).toBe("high");
    expect(profile({ climate: [] }).motivation).toMatchObject({ level: "unknown", reasons: [expect.stringMatching(/^нет данных: опрос о климате/)] });
  });
});

describe("thresholds", () => {
  it("«from» for risks and «below» for scores", () => {
    expect([bandLevel(4.9, { medium: 5, high: 10 }, "above"), bandLevel(5, { medium: 5, high: 10 }, "above"), bandLevel(10, { medium: 5, high: 10 }, "above")]).toEqual(["low", "medium", "high"]);
    expect([bandLevel(60, { medium: 60, high: 50 }, "below"), bandLevel(59.9, { medium: 60, high: 50 }, "below"), bandLevel(49, { medium: 60, high: 50 }, "below")]).toEqual(["low", "medium", "high"]);
  });
});

/** Sources present or absent at random, with values anywhere in their ranges. */
const inputArb = fc.record({
  card: fc.option(fc.dictionary(fc.constantFrom(...Object.keys(GOOD_CARD)), fc.option(fc.double({ min: 0, max: 100, noNaN: true }))), { nil: null }),
  exams: fc.array(fc.record({ subject: fc.constantFrom("math", "russian", "physics"), exam: fc.constantFrom("vpr" as const, "oge" as const, "ege" as const), share: fc.double({ min: 0, max: 1, noNaN: true }), participants: fc.integer({ min: 0, max: 40 }) }), { maxLength: 4 }),
  tested: fc.integer({ min: 0, max: 6 }),
  leader: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
  climate: fc.option(fc.array(fc.record({ audience: fc.constantFrom("teacher", "student", "parent"), scales: fc.array(fc.record({ id: fc.constantFrom("support", "collegiality", "motivation", "parent-involvement", "bullying", "diversity"), score: fc.double({ min: 0, max: 100, noNaN: true }) }), { maxLength: 4 }) }), { maxLength: 3 }), { nil: null }),
});

describe("property: missing data never yields a level but «unknown»", () => {
  it("a factor with a level has at least one indicator with a value; without its source it has none", () => {
    fc.assert(fc.property(inputArb, (g) => {
      const input: RiskInput = {
        indicators: g.card ? new Map(Object.entries(g.card)) : null,
        exams: summarizeExams(g.exams.map((e) => ({ year: 2025, exam: e.exam, subject: e.subject, grades: [9], participants: e.participants, meanScore: null, shareFailed: e.share, shareHigh: null }))),
        teachers: g.tested ? { ...TESTED, tested: g.tested, subjectDeficit: Math.min(g.tested, 3), methodDeficit: 1, byMethod: { "method.differentiation": { tested: g.tested, deficit: 1 } } } : NO_TEACHERS,
        leader: g.leader === null ? null : new Map([["lead.staff", g.leader]]),
        climate: g.climate,
      };
      const p = Object.fromEntries(riskProfile(input).map((f) => [f.id, f]));
      for (const f of Object.values(p)) {
        if (f.level !== "unknown") expect(f.indicators.some((i) => i.value !== null), f.id).toBe(true);
        else expect(f.reasons.every((r) => r.startsWith("нет данных")), f.id).toBe(true);
      }
      const climateScales = (ids: string[], audiences: string[]) => (g.climate ?? []).some((c) => audiences.includes(c.audience) && c.scales.some((s) => ids.includes(s.id)));
      const cardHas = (id: string) => g.card !== null && g.card[id] !== undefined && g.card[id] !== null;
      expect(p["parent-involvement"]!.level !== "unknown").toBe(climateScales(["parent-involvement"], ["parent", "teacher"]));
      expect(p.motivation!.level !== "unknown").toBe(climateScales(["motivation"], ["student"]));
      expect(p["special-needs"]!.level !== "unknown").toBe(cardHas("share-ovz"));
      expect(p["teacher-competence"]!.level !== "unknown").toBe(g.tested >= 2);
      expect(p["failure-risk"]!.level !== "unknown").toBe(input.exams.failShares.length > 0 || input.exams.egeBelowMinimum !== null);
      if (g.card === null) for (const id of ["equipment", "staff-shortage", "special-needs", "language-barriers"]) expect(p[id]!.level, id).toBe("unknown");
    }), { numRuns: 400 });
  });
});
