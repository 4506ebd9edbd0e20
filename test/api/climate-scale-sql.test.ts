// The database sums climate answers by the same rule as climate-scoring.ts: scale scores and Cronbach's α agree on any answers.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cronbachAlpha, respondentScaleScore } from "../../server/modules/climate/climate-scoring.js";
import { alphaSums, scaleSums } from "../../server/modules/climate/climate-results.repository.js";
import { alphaOf } from "../../server/modules/climate/climate-summary.js";
import type { TestContext } from "../support/test-app.js";
import { setupClimateApp } from "./climate-steps.js";

let t: TestContext;
beforeAll(async () => { t = await setupClimateApp(); });
afterAll(async () => { await t.close(); });

const INSTRUMENT = "climate-parents";

/** Anything a client might have stored for an item: Likert values as numbers or strings, «na», junk, or nothing. */
const answerValue = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 2, arbitrary: fc.constantFrom("1", "2", "3", "4") },
  { weight: 2, arbitrary: fc.constant("na") },
  { weight: 1, arbitrary: fc.constantFrom(0, 5, 2.5, "5", "x", " 3", true) },
  { weight: 2, arbitrary: fc.constant(undefined) },
);

describe("scale scores summed in SQL", () => {
  it("property: per school and scale, the respondents scored and the sum of their scores equal climate-scoring.ts; α too", async () => {
    const def = t.registry.get(INSTRUMENT)!.definition;
    const scales = def.scales!;
    const items = scales.flatMap((s) => s.items);
    let alphasCompared = 0;
    let scoresCompared = 0;
    const respondent = fc.record({ school: fc.constantFrom("s-low", "s-high"), values: fc.array(answerValue, { minLength: items.length, maxLength: items.length }) });
    await fc.assert(fc.asyncProperty(fc.array(respondent, { minLength: 1, maxLength: 25 }), async (people) => {
      await t.db.deleteFrom("attempts").where("instrument_id", "=", INSTRUMENT).execute();
      const responses = people.map((p) => ({
        school: p.school,
        data: Object.fromEntries(items.flatMap((item, i) => (p.values[i] === undefined ? [] : [[item, p.values[i]]]))),
      }));
      await t.db.insertInto("attempts").values(responses.map((r, i) => ({
        respondent_key: `k${i}`, school_id: r.school, audience: "parent", instrument_id: INSTRUMENT, version: def.version, campaign_id: "c1",
        status: "submitted" as const, data: JSON.stringify(r.data), started_at: "2026-01-01", updated_at: "2026-01-01", submitted_at: "2026-01-01",
      }))).execute();

      const filter = { campaignId: "c1", instrumentId: INSTRUMENT, version: def.version };
      const rows = await scaleSums(t.db, scales, filter);
      for (const school of ["s-low", "s-high"]) {
        for (const scale of scales) {
          const scores = responses.filter((r) => r.school === school).map((r) => respondentScaleScore(scale, r.data)).filter((s): s is number => s !== null);
          const row = rows.find((r) => r.school_id === school && r.scale === scale.id);
          expect(row?.n ?? 0, `${school} ${scale.id}`).toBe(scores.length);
          expect(row?.total ?? 0).toBeCloseTo(scores.reduce((s, v) => s + v, 0), 8);
          scoresCompared += scores.length;
        }
      }
      const sums = await alphaSums(t.db, scales, filter);
      for (const scale of scales) {
        const expected = cronbachAlpha(scale, responses.map((r) => r.data));
        const total = sums.totals.find((x) => x.scale === scale.id);
        const got = total ? alphaOf(scale.items.length, sums.items.filter((x) => x.scale === scale.id), total) : null;
        if (expected === null) expect(got).toBeNull();
        else {
          expect(total!.n).toBe(expected.respondents);
          expect(got).not.toBeNull();
          expect(Math.abs(got! - expected.alpha)).toBeLessThanOrEqual(0.0011);
          alphasCompared++;
        }
      }
    }), { numRuns: 25 });
    // The runs compared real figures, not only empty ones.
    expect(scoresCompared).toBeGreaterThan(500);
    expect(alphasCompared).toBeGreaterThan(20);
  });
});
