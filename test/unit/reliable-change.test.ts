// Reliable change: the error of a competency percent (α-based or binomial) and the Jacobson–Truax index, with examples and properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alphaFromVariances, binomialSem, changeWords, cronbachAlpha, MIN_ATTEMPTS_FOR_ALPHA, pool, regionReliability, RELIABLE_Z, reliableChange,
  semFromReliability, semOf,
} from "../../server/modules/progress/reliable-change.js";

describe("Cronbach's α", () => {
  it("is 0.75 for a small worked example (item variances 1/3, 1/4, 1/4; total variance 5/3)", () => {
    expect(cronbachAlpha([[1, 1, 1], [0, 0, 0], [1, 1, 0], [0, 1, 0]])).toBeCloseTo(0.75, 12);
  });

  it("is 1 when every item says the same, and cannot be computed for one item or no spread", () => {
    expect(cronbachAlpha([[1, 1], [0, 0], [1, 1], [0, 0]])).toBeCloseTo(1, 12);
    expect(cronbachAlpha([[1], [0], [1]])).toBeUndefined();
    expect(cronbachAlpha([[1, 1], [1, 1], [1, 1]])).toBeUndefined();
    expect(alphaFromVariances(1, 0.2, 0.5)).toBeUndefined();
    expect(alphaFromVariances(5, 1, 0)).toBeUndefined();
  });

  it("property: on 0/1 items it equals KR-20, k/(k−1)·(1 − Σpq/σ²)", () => {
    const matrix = fc.integer({ min: 2, max: 6 }).chain((k) => fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: k, maxLength: k }), { minLength: 3, maxLength: 40 }));
    fc.assert(fc.property(matrix, (rows) => {
      const n = rows.length, k = rows[0]!.length;
      const totals = rows.map((r) => r.reduce((s, v) => s + v, 0));
      const mean = totals.reduce((s, v) => s + v, 0) / n;
      const popVar = totals.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
      let pq = 0;
      for (let j = 0; j < k; j++) { const p = rows.reduce((s, r) => s + r[j]!, 0) / n; pq += p * (1 - p); }
      const alpha = cronbachAlpha(rows);
      if (popVar === 0) { expect(alpha).toBeUndefined(); return; }
      expect(alpha).toBeCloseTo((k / (k - 1)) * (1 - pq / popVar), 9);
    }));
  });
});

describe("the standard error of measurement", () => {
  it("is SD·√(1 − r), with r read within [0, 0.99]", () => {
    expect(semFromReliability(20, 0.75)).toBeCloseTo(10, 12);
    expect(semFromReliability(20, 0)).toBe(20);
    expect(semFromReliability(20, -0.4)).toBe(20);
    expect(semFromReliability(20, 1)).toBeCloseTo(2, 12);
  });

  it("binomial: √(p(1−p)/k) after moving p toward one half by one right and one wrong answer", () => {
    expect(binomialSem(50, 5)).toBeCloseTo(100 * Math.sqrt(0.25 / 5), 10);
    expect(binomialSem(0, 5)).toBeCloseTo(100 * Math.sqrt((1 / 7) * (6 / 7) / 5), 10);
    expect(binomialSem(0, 5)).toBeGreaterThan(10);
  });

  it("property: binomial error is positive, symmetric about 50%, largest at 50%, smaller with more items", () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 1, max: 60 }), (p, k) => {
      const sem = binomialSem(p, k);
      expect(sem).toBeGreaterThan(0);
      expect(binomialSem(100 - p, k)).toBeCloseTo(sem, 9);
      expect(sem).toBeLessThanOrEqual(binomialSem(50, k) + 1e-9);
      expect(binomialSem(p, k + 1)).toBeLessThan(sem);
    }));
  });

  it("uses the region's α only from enough attempts, and otherwise the person's binomial error", () => {
    const sums = { items: 5, itemVarianceSum: 0.9, totalVariance: 2.4, maxScore: 5 };
    expect(regionReliability({ ...sums, attempts: MIN_ATTEMPTS_FOR_ALPHA - 1 })).toBeUndefined();
    const region = regionReliability({ ...sums, attempts: MIN_ATTEMPTS_FOR_ALPHA })!;
    expect(region.alpha).toBeCloseTo((5 / 4) * (1 - 0.9 / 2.4), 12);
    expect(region.sd).toBeCloseTo((100 * Math.sqrt(2.4)) / 5, 12);
    expect(region.sem).toBeCloseTo(region.sd * Math.sqrt(1 - region.alpha), 12);
    expect(semOf(40, 5, region)).toEqual({ sem: region.sem, method: "alpha" });
    expect(semOf(40, 5, undefined)).toEqual({ sem: binomialSem(40, 5), method: "binomial" });
  });
});

describe("pooling one competency measured by two tests in one wave", () => {
  it("weights by maximum points; equal halves with equal errors have an error √2 smaller", () => {
    const p = pool([{ score: 2, maxScore: 4, items: 3, sem: 20 }, { score: 4, maxScore: 4, items: 3, sem: 20 }]);
    expect(p.percent).toBe(75);
    expect(p.items).toBe(6);
    expect(p.sem).toBeCloseTo(20 / Math.SQRT2, 12);
  });

  it("property: the pooled percent lies between the parts', its error below the largest part's", () => {
    const part = fc.record({ score: fc.integer({ min: 0, max: 10 }), maxScore: fc.integer({ min: 10, max: 10 }), items: fc.integer({ min: 1, max: 8 }), sem: fc.double({ min: 1, max: 40, noNaN: true }) });
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
      const p = pool(parts);
      const percents = parts.map((x) => (100 * x.score) / x.maxScore);
      expect(p.percent).toBeGreaterThanOrEqual(Math.min(...percents) - 1e-9);
      expect(p.percent).toBeLessThanOrEqual(Math.max(...percents) + 1e-9);
      expect(p.sem).toBeLessThanOrEqual(Math.max(...parts.map((x) => x.sem)) + 1e-9);
    }));
  });
});

describe("the reliable change index", () => {
  it("calls 38% → 71% reliable growth when the errors are 10 points, and says so", () => {
    const c = reliableChange({ percent: 38, sem: 10 }, { percent: 71, sem: 10 });
    expect(c.sDiff).toBeCloseTo(Math.sqrt(200), 12);
    expect(c.rci).toBeCloseTo(33 / Math.sqrt(200), 12);
    expect(c).toMatchObject({ reliable: true, direction: "growth", difference: 33 });
    expect(changeWords(c)).toBe("Рост надёжный: с 38% до 71%");
  });

  it("calls the same change within the error when each wave's error is 15 points (five items), and says that", () => {
    const c = reliableChange({ percent: 38, sem: 15 }, { percent: 71, sem: 15 });
    expect(c).toMatchObject({ reliable: false, direction: "none" });
    expect(changeWords(c)).toMatch(/^Изменение в пределах погрешности измерения: с 38% до 71%/);
  });

  it("uses each wave's own error (another instrument version may measure less precisely)", () => {
    const c = reliableChange({ percent: 40, sem: 6 }, { percent: 70, sem: 12 });
    expect(c.sDiff).toBeCloseTo(Math.sqrt(36 + 144), 12);
    expect(c.reliable).toBe(30 > RELIABLE_Z * Math.sqrt(180));
    expect(changeWords(reliableChange({ percent: 70, sem: 3 }, { percent: 30, sem: 3 }))).toBe("Снижение надёжное: с 70% до 30%");
    expect(changeWords(reliableChange({ percent: 50.2, sem: 10 }, { percent: 49.9, sem: 10 }))).toBe("Без изменений: 50% в обеих волнах");
  });

  const measured = fc.record({ percent: fc.double({ min: 0, max: 100, noNaN: true }), sem: fc.double({ min: 0.5, max: 40, noNaN: true }) });

  it("property: reliable is true exactly when the change exceeds 1.96 errors of the difference", () => {
    fc.assert(fc.property(measured, measured, (a, b) => {
      const c = reliableChange(a, b);
      const error = RELIABLE_Z * Math.sqrt(a.sem ** 2 + b.sem ** 2);
      expect(c.reliable).toBe(Math.abs(b.percent - a.percent) > error);
      if (!c.reliable) expect(Math.abs(c.rci)).toBeLessThanOrEqual(RELIABLE_Z + 1e-9);
      if (c.reliable) expect(Math.abs(c.rci)).toBeGreaterThan(RELIABLE_Z - 1e-9);
      expect(c.direction).toBe(!c.reliable ? "none" : b.percent > a.percent ? "growth" : "decline");
    }));
  });

  it("property: never reliable within the error, whatever the scores; a larger error never makes a change reliable", () => {
    fc.assert(fc.property(measured, fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 1, max: 3, noNaN: true }), (a, share, grow) => {
      const sDiff = Math.sqrt(2) * a.sem;
      const b = { percent: a.percent + share * RELIABLE_Z * sDiff, sem: a.sem };
      expect(reliableChange(a, b).reliable).toBe(false);
      const far = { percent: a.percent + 60, sem: a.sem };
      if (!reliableChange(a, far).reliable) expect(reliableChange({ ...a, sem: a.sem * grow }, { ...far, sem: a.sem * grow }).reliable).toBe(false);
    }));
  });

  it("property: swapping the waves keeps the verdict and turns the direction", () => {
    fc.assert(fc.property(measured, measured, (a, b) => {
      const there = reliableChange(a, b), back = reliableChange(b, a);
      expect(back.reliable).toBe(there.reliable);
      if (there.reliable) expect(back.direction).toBe(there.direction === "growth" ? "decline" : "growth");
    }));
  });
});
