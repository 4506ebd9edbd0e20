// Climate scales: scores on 0–100 with reversed items and «затрудняюсь ответить» as no answer; bands; Cronbach's α.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandOf, cronbachAlpha, groupScaleScores, respondentScaleScore, type ClimateScale } from "../../server/modules/climate/climate-scoring.js";

const scale: ClimateScale = { id: "s", title: "Шкала", items: ["a", "b", "c", "d"], reversed: ["c"] };
const bands = { favourable: 75, partly: 50 };

describe("a respondent's scale score", () => {
  it("is 100 for the most favourable answers, a reversed item counted the other way", () => {
    expect(respondentScaleScore(scale, { a: 4, b: 4, c: 1, d: 4 })).toBe(100);
    expect(respondentScaleScore(scale, { a: 1, b: 1, c: 4, d: 1 })).toBe(0);
  });

  it("leaves «затрудняюсь ответить» out of the mean", () => {
    expect(respondentScaleScore(scale, { a: 4, b: "na", c: 1, d: 1 })).toBeCloseTo(((4 + 4 + 1) / 3 - 1) / 3 * 100);
  });

  it("gives no score when fewer than half of the items are answered", () => {
    expect(respondentScaleScore(scale, { a: 4, b: "na", c: "na", d: "na" })).toBeNull();
    expect(respondentScaleScore(scale, {})).toBeNull();
  });

  it("ignores values outside 1…4", () => {
    expect(respondentScaleScore(scale, { a: 7, b: 0, c: "x", d: 4 })).toBeNull();
  });

  it("property: always within 0–100", () => {
    const answer = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant("na"));
    fc.assert(fc.property(fc.record({ a: answer, b: answer, c: answer, d: answer }), (r) => {
      const s = respondentScaleScore(scale, r);
      if (s !== null) { expect(s).toBeGreaterThanOrEqual(0); expect(s).toBeLessThanOrEqual(100); }
    }));
  });
});

describe("group scores and bands", () => {
  it("averages respondents, counts those who scored, and bands the result", () => {
    const [result] = groupScaleScores([scale], bands, [{ a: 4, b: 4, c: 1, d: 4 }, { a: 3, b: 3, c: 2, d: 3 }, { a: "na" }]);
    expect(result).toMatchObject({ id: "s", respondents: 2, band: "favourable" });
    expect(result!.score).toBeCloseTo((100 + 66.7) / 2, 0);
    expect(bandOf(74.9, bands)).toBe("partly");
    expect(bandOf(49.9, bands)).toBe("unfavourable");
  });
});

describe("Cronbach's α", () => {
  it("is high for consistent answers and null without enough complete respondents", () => {
    const consistent = [1, 2, 3, 4, 2, 3, 4, 1].map((v) => ({ a: v, b: v, c: 5 - v, d: v }));
    expect(cronbachAlpha(scale, consistent)!.alpha).toBeCloseTo(1, 5);
    expect(cronbachAlpha(scale, consistent.slice(0, 2))).toBeNull();
  });

  it("matches a value computed by hand", () => {
    const s: ClimateScale = { id: "t", title: "t", items: ["x", "y"] };
    // Items x: 1,2,3; y: 1,3,2 → var x = 1, var y = 1, sums 2,5,5 → var 3; α = 2 · (1 − 2/3) = 2/3.
    expect(cronbachAlpha(s, [{ x: 1, y: 1 }, { x: 2, y: 3 }, { x: 3, y: 2 }])!.alpha).toBeCloseTo(0.667, 3);
  });
});
