// Cluster rules: each rule on examples, and as a property each rule's reason appears exactly when its condition holds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizeExams, type ExamRow } from "../../server/modules/schools/exam-summary.js";
import { clusterRules, schoolClusters, type ClusterInput, type ClusterRegion } from "../../server/modules/schools/school-clusters.js";
import { NO_TEACHERS, type TeacherFigures } from "../../server/modules/schools/school-inputs.js";
import { SCHOOL_RULES } from "../../server/modules/schools/school-thresholds.js";
import type { SchoolIndex } from "../../server/modules/schools/wellbeing-index.js";

const C = SCHOOL_RULES.clusters;
const vpr = (subject: string, shareFailed: number, participants = 50, year = 2025): ExamRow =>
  ({ year, exam: "vpr", subject, grades: [5], participants, meanScore: 3.5, shareFailed, shareHigh: 0.3 });
const index = (value: number, rank = 1, of = 10): SchoolIndex => ({ value, scaled: 50, rank, of, measured: 11, components: [] });
const teachers = (math: [number, number] | null, russian: [number, number] | null = null): TeacherFigures => ({
  ...NO_TEACHERS, bySubject: {
    ...(math ? { math: { tested: math[0], deficit: math[1] } } : {}),
    ...(russian ? { russian: { tested: russian[0], deficit: russian[1] } } : {}),
  },
});
const input = (over: Partial<ClusterInput> = {}): ClusterInput => ({
  school: { lowResults: false, unfavourable: false, clusters: [] }, indicators: null, exams: summarizeExams([]), index: null, teachers: NO_TEACHERS, ...over,
});
const EMPTY_REGION: ClusterRegion = { failShares: { math: [], russian: [] }, indexValues: [] };
const clustersOf = (i: ClusterInput, region = EMPTY_REGION) => Object.fromEntries(schoolClusters(i, region).map((c) => [c.code, c.reasons]));

describe("the region's own designation", () => {
  it("names the official flags as such, and a listed cluster as the region's list", () => {
    const out = clustersOf(input({ school: { lowResults: true, unfavourable: true, clusters: ["non-native"] } }));
    expect(out["low-results"]).toEqual(["Официальный признак региона: школа в списке школ с низкими результатами обучения (ШНОР)"]);
    expect(out.unfavourable![0]).toMatch(/Официальный признак региона: .*ССУ/);
    expect(out["non-native"]).toEqual(["Кластер указан регионом в списке школ"]);
    expect(Object.keys(out)).toEqual(["low-results", "unfavourable", "non-native"]);
  });

  it("a school with no data and no designation is in no cluster", () => {
    expect(schoolClusters(input(), EMPTY_REGION)).toEqual([]);
  });
});

describe("low results from the exams", () => {
  it("a share of «2» at the threshold puts the school in, with the subject, the year and the figure", () => {
    const out = clustersOf(input({ exams: summarizeExams([vpr("math", 0.2), vpr("russian", 0.05)]) }));
    expect(out["low-results"]).toEqual(["Доля «2» по математике (ВПР и ОГЭ, 2025 г.) — 20 %, не ниже порога 20 %"]);
  });

  it("the region's worst quarter puts the school in even below the threshold, when enough schools are compared", () => {
    const region: ClusterRegion = { failShares: { math: [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17], russian: [] }, indexValues: [] };
    const school = input({ exams: summarizeExams([vpr("math", 0.16)]) });
    expect(clustersOf(school, region)["low-results"]![0]).toMatch(/16 %: среди 25 % худших значений по региону \(сравнивались 12 школ\)/);
    expect(clustersOf(input({ exams: summarizeExams([vpr("math", 0.09)]) }), region)["low-results"]).toBeUndefined();
    const few: ClusterRegion = { failShares: { math: [1, 2, 16], russian: [] }, indexValues: [] };
    expect(clustersOf(school, few)["low-results"]).toBeUndefined();
  });

  it("results with too few participants say nothing", () => {
    expect(clustersOf(input({ exams: summarizeExams([vpr("math", 0.5, 4)]) }))["low-results"]).toBeUndefined();
  });

  it("the latest year with enough participants counts, not an older worse one", () => {
    const exams = summarizeExams([vpr("math", 0.4, 50, 2024), vpr("math", 0.1, 50, 2025)]);
    expect(exams.failShares).toEqual([{ subject: "math", year: 2025, participants: 50, share: 10 }]);
    expect(clustersOf(input({ exams }))["low-results"]).toBeUndefined();
  });
});

describe("the other clusters", () => {
  it("unfavourable conditions: the index in the lowest quarter of the region", () => {
    const region: ClusterRegion = { ...EMPTY_REGION, indexValues: [-1, -0.5, -0.2, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] };
    expect(clustersOf(input({ index: index(-0.5, 9, 10) }), region).unfavourable).toEqual(["Индекс социального благополучия −0,5 — в нижней четверти по региону (место 9 из 10)"]);
    expect(clustersOf(input({ index: index(-0.2, 8, 10) }), region).unfavourable).toBeUndefined();
  });

  it("ОВЗ and non-native Russian from the card's shares", () => {
    const out = clustersOf(input({ indicators: new Map([["share-ovz", 10], ["share-non-native", 9.9]]) }));
    expect(out["special-needs"]).toEqual(["Доля обучающихся с ОВЗ — 10 %, не ниже порога 10 % (карта условий)"]);
    expect(out["non-native"]).toBeUndefined();
  });

  it("teaching problems from the subject's teachers or from its exam failures", () => {
    const out = clustersOf(input({ teachers: teachers([3, 2], [2, 0]), exams: summarizeExams([vpr("russian", 0.3)]) }));
    expect(out["math-teaching"]).toEqual(["2 из 3 протестированных учителей математики (66,7 %) имеют дефициты по темам предмета, порог 50 %"]);
    expect(out["russian-teaching"]).toEqual(["Доля «2» по русскому языку (ВПР и ОГЭ, 2025 г.) — 30 %, не ниже порога 25 %"]);
  });
});

/** Generated inputs and regions around the thresholds, so that every rule both fires and stays quiet (boundaries included). */
const share = fc.oneof(fc.constant(null), fc.constantFrom(0, 0.199, 0.2, 0.249, 0.25), fc.integer({ min: 0, max: 400 }).map((x) => x / 1000));
const percent = fc.oneof(fc.constant(null), fc.constantFrom(9.9, 10, 10.1), fc.integer({ min: 0, max: 200 }).map((x) => x / 10));
const teacherPair = fc.oneof(fc.constant(null), fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map(([t, d]) => [t, Math.min(t, d)] as [number, number]));
const inputArb = fc.record({
  low: fc.boolean(), unfavourable: fc.boolean(), listed: fc.subarray(["special-needs", "non-native", "math-teaching", "russian-teaching"]),
  ovz: percent, nonNative: percent,
  mathFail: share, russianFail: share, participants: fc.oneof(fc.constantFrom(9, 10), fc.integer({ min: 0, max: 60 })),
  index: fc.oneof(fc.constant(null), fc.integer({ min: -150, max: 150 }).map((x) => x / 100)),
  mathTeachers: teacherPair, russianTeachers: teacherPair,
  regionMath: fc.oneof(
    fc.array(fc.integer({ min: 0, max: 400 }).map((x) => x / 10), { maxLength: 20 }),
    fc.array(fc.constantFrom(0, 0, 0, 5, 20), { minLength: 6, maxLength: 20 }),
  ),
  regionIndex: fc.array(fc.integer({ min: -150, max: 150 }).map((x) => x / 100), { maxLength: 20 }),
});

describe("property: a rule's reason appears exactly when its condition holds", () => {
  it("for every rule of every cluster", () => {
    fc.assert(fc.property(inputArb, (g) => {
      const rows = [
        ...(g.mathFail !== null ? [vpr("math", g.mathFail, g.participants)] : []),
        ...(g.russianFail !== null ? [vpr("russian", g.russianFail, g.participants)] : []),
      ];
      const exams = summarizeExams(rows);
      const indicators = new Map<string, number | null>([["share-ovz", g.ovz], ["share-non-native", g.nonNative]]);
      const idx = g.index === null ? null : index(g.index);
      const i = input({ school: { lowResults: g.low, unfavourable: g.unfavourable, clusters: g.listed }, indicators, exams, index: idx, teachers: teachers(g.mathTeachers, g.russianTeachers) });
      const ascending = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const region: ClusterRegion = { failShares: { math: ascending(g.regionMath), russian: [] }, indexValues: ascending(idx ? [...g.regionIndex, idx.value] : g.regionIndex) };
      const out = clustersOf(i, region);
      const has = (code: string, start: string | RegExp) => (out[code] ?? []).some((r) => (typeof start === "string" ? r.startsWith(start) : start.test(r)));

      // The conditions, written out again from the documentation.
      const math = g.mathFail !== null && g.participants >= SCHOOL_RULES.exams.minParticipants ? Math.round(g.mathFail * 1000) / 10 : null;
      const russian = g.russianFail !== null && g.participants >= SCHOOL_RULES.exams.minParticipants ? Math.round(g.russianFail * 1000) / 10 : null;
      const worst = (x: number, all: number[]) => all.length >= 8 && all.filter((v) => v >= x).length <= 0.25 * all.length;
      expect(has("low-results", "Официальный признак")).toBe(g.low);
      expect(has("low-results", /^Доля «2» по математике.*не ниже порога/)).toBe(math !== null && math >= C.lowResults.failShare);
      expect(has("low-results", /^Доля «2» по русскому.*не ниже порога/)).toBe(russian !== null && russian >= C.lowResults.failShare);
      expect(has("low-results", /^Доля «2» по математике.*худших/)).toBe(math !== null && worst(math, g.regionMath));
      expect(has("unfavourable", "Официальный признак")).toBe(g.unfavourable);
      const lowest = idx !== null && region.indexValues.length >= 8 && region.indexValues.filter((v) => v <= idx.value).length <= 0.25 * region.indexValues.length;
      expect(has("unfavourable", "Индекс социального благополучия")).toBe(lowest);
      expect(has("special-needs", "Доля обучающихся с ОВЗ")).toBe(g.ovz !== null && g.ovz >= C.specialNeeds.shareOvz);
      expect(has("non-native", "Доля обучающихся, для которых")).toBe(g.nonNative !== null && g.nonNative >= C.nonNative.shareNonNative);
      for (const [code, t, fail] of [["math-teaching", g.mathTeachers, math], ["russian-teaching", g.russianTeachers, russian]] as const) {
        expect(has(code, "Кластер указан регионом")).toBe(g.listed.includes(code));
        expect(has(code, /протестированных/)).toBe(t !== null && t[0] >= C.teaching.minTested && (100 * t[1]) / t[0] >= C.teaching.deficitShare);
        expect(has(code, /^Доля «2».*порога 25 %/)).toBe(fail !== null && fail >= C.teaching.examFailShare);
      }
      // And the list of clusters is exactly those with a fired rule.
      const fired = new Set(clusterRules(i, region).filter((r) => r.fired).map((r) => r.cluster));
      expect(new Set(Object.keys(out))).toEqual(fired);
    }), { numRuns: 500 });
  });
});
