// Student's t: quantiles against the printed table, the CDF's symmetry, and t-based intervals of a mean from its sums.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { incompleteBeta, meanInterval, tCdf, tQuantile } from "../../server/modules/progress/student-t.js";

describe("quantiles of Student's t", () => {
  it.each([[1, 12.7062], [2, 4.3027], [4, 2.7764], [5, 2.5706], [10, 2.2281], [20, 2.0860], [30, 2.0423], [120, 1.9799], [100000, 1.96]])(
    "t(0.975, %i) = %f as in the table", (df, t) => {
      expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
    });

  it("knows the other tail and the 90% point", () => {
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.2281, 3);
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.8125, 3);
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
  });

  it("property: the CDF of the quantile gives back the probability; quantiles fall as degrees of freedom grow", () => {
    fc.assert(fc.property(fc.double({ min: 0.51, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 500 }), (p, df) => {
      const t = tQuantile(p, df);
      expect(tCdf(t, df)).toBeCloseTo(p, 8);
      expect(tQuantile(p, df + 1)).toBeLessThanOrEqual(t + 1e-9);
    }));
  });

  it("property: the incomplete beta function is symmetric, I_x(a, b) = 1 − I_{1−x}(b, a)", () => {
    fc.assert(fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.5, max: 50, noNaN: true }), fc.double({ min: 0.5, max: 50, noNaN: true }), (x, a, b) => {
      expect(incompleteBeta(x, a, b)).toBeCloseTo(1 - incompleteBeta(1 - x, b, a), 9);
    }));
  });
});

describe("the interval of a mean from n, Σx and Σx²", () => {
  it("is mean ± t(0.975, n−1)·s/√n", () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    const m = meanInterval(xs.length, xs.reduce((s, x) => s + x, 0), xs.reduce((s, x) => s + x * x, 0))!;
    const sd = Math.sqrt(32 / 7);
    expect(m.mean).toBe(5);
    expect(m.sd).toBeCloseTo(sd, 12);
    expect(m.high - m.mean).toBeCloseTo(2.3646 * (sd / Math.sqrt(8)), 3);
  });

  it("has no interval for one value, and a zero-width one for equal values", () => {
    expect(meanInterval(1, 5, 25)).toBeUndefined();
    const same = meanInterval(4, 12, 36)!;
    expect(same.low).toBeCloseTo(3, 9);
    expect(same.high).toBeCloseTo(3, 9);
  });

  it("property: the interval holds the mean, is symmetric, and narrows when the same values are seen twice", () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 50 }), (xs) => {
      const s = xs.reduce((a, x) => a + x, 0), ss = xs.reduce((a, x) => a + x * x, 0);
      const m = meanInterval(xs.length, s, ss)!;
      expect(m.low).toBeLessThanOrEqual(m.mean + 1e-9);
      expect(m.high).toBeGreaterThanOrEqual(m.mean - 1e-9);
      expect(m.high - m.mean).toBeCloseTo(m.mean - m.low, 6);
      const twice = meanInterval(2 * xs.length, 2 * s, 2 * ss)!;
      expect(twice.high - twice.low).toBeLessThanOrEqual(m.high - m.low + 1e-6);
    }));
  });
});
