// The demo's school data generators: valid results of two years for every school, and figures that agree with each school's flags.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateDemoRegion, Rng } from "../../server/modules/demo/demo-region.js";
import { DEMO_SEED } from "../../server/modules/demo/demo-seed.js";
import { demoConditionsAnswers, demoDisadvantage } from "../../server/modules/schools/demo-conditions.js";
import { demoExamRows, demoFailBase, latestExamYear } from "../../server/modules/schools/demo-exams.js";
import { summarizeExams } from "../../server/modules/schools/exam-summary.js";

const region = generateDemoRegion(DEMO_SEED);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function mathFail(school: (typeof region.schools)[number]) {
  const rng = new Rng(7);
  const rows = demoExamRows(school, demoFailBase(school, rng), 2026, rng);
  return summarizeExams(rows.map((r) => ({ ...r, grades: [r.grade] }))).failShares.find((f) => f.subject === "math")!.share;
}

describe("demo exam results", () => {
  it("the latest year is the last spring whose results are in", () => {
    expect(latestExamYear(new Date("2026-12-02T00:00:00Z"))).toBe(2026);
    expect(latestExamYear(new Date("2026-03-01T00:00:00Z"))).toBe(2025);
  });

  it("every row is one the import would accept: grades per exam, shares within 0–1 and together at most 1", () => {
    fc.assert(fc.property(fc.constantFrom(...region.schools), fc.integer({ min: 1, max: 2 ** 30 }), (school, seed) => {
      const rng = new Rng(seed);
      const rows = demoExamRows(school, demoFailBase(school, rng), 2026, rng);
      expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2025, 2026]));
      for (const r of rows) {
        expect(r.exam === "vpr" ? [4, 5, 6, 7, 8].includes(r.grade) : r.grade === (r.exam === "oge" ? 9 : 11)).toBe(true);
        expect(r.participants).toBeGreaterThanOrEqual(1);
        expect(r.shareFailed).toBeGreaterThanOrEqual(0);
        expect(r.shareHigh).toBeGreaterThanOrEqual(0);
        expect(r.shareFailed + r.shareHigh).toBeLessThanOrEqual(1);
        expect(r.meanScore).toBeLessThanOrEqual(100);
      }
      const keys = rows.map((r) => `${r.year}|${r.exam}|${r.subject}|${r.grade}`);
      expect(new Set(keys).size).toBe(keys.length);
    }), { numRuns: 100 });
  });

  it("agree with the flags: low-result schools fail most, high-result schools least", () => {
    const low = region.schools.filter((s) => s.lowResults).map(mathFail);
    const high = region.schools.filter((s) => s.highResults).map(mathFail);
    const other = region.schools.filter((s) => !s.lowResults && !s.unfavourable && !s.highResults).map(mathFail);
    expect(mean(low)).toBeGreaterThan(mean(other) + 8);
    expect(mean(other)).toBeGreaterThan(mean(high));
    // Most of the region's low-result schools reach the cluster's threshold from their results too.
    expect(low.filter((x) => x >= 20).length / low.length).toBeGreaterThan(0.6);
    expect(high.filter((x) => x >= 20).length).toBe(0);
  });
});

describe("demo conditions cards", () => {
  it("rural and unfavourable schools have the harder context, and their cards show it", () => {
    const cards = region.schools.filter((s) => s.lowResults || s.unfavourable || s.locality === "city").map((s) => {
      const rng = new Rng(11);
      const d = demoDisadvantage(s, rng);
      return { s, d, answers: demoConditionsAnswers(s, d, rng) };
    });
    const hard = cards.filter((c) => c.s.locality === "rural" && c.s.unfavourable);
    const easy = cards.filter((c) => c.s.locality === "city" && !c.s.unfavourable && !c.s.lowResults);
    expect(mean(hard.map((c) => c.d))).toBeGreaterThan(mean(easy.map((c) => c.d)) + 0.3);
    const lowIncome = (list: typeof cards) => mean(list.map((c) => c.answers["sc-share-low-income"] as number));
    expect(lowIncome(hard)).toBeGreaterThan(lowIncome(easy) + 10);
    for (const c of cards.filter((x) => x.s.clusters.includes("special-needs"))) expect(c.answers["sc-share-ovz"]).toBeGreaterThanOrEqual(10);
    for (const c of cards.filter((x) => !x.s.clusters.includes("non-native"))) expect(c.answers["sc-share-non-native"]).toBeLessThan(10);
  });
});
