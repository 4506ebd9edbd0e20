// The effect in aggregate: means with t-based intervals, shares of reliable change, and no figure for small groups or their complements.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildEffect, type Area, type Breakdown, type EffectSums } from "../../server/modules/progress/effect.js";
import { effectSheet } from "../../server/modules/progress/effect-export.js";
import { meanInterval } from "../../server/modules/progress/student-t.js";

const labels = { course: (id: string) => `Курс ${id}`, municipality: (id: string) => `Район ${id}` };

/** Sums of a group from its people's changes and verdicts. */
function sums(breakdown: Breakdown, key: string, changes: number[], area: Area = "overall", growth = 0, decline = 0): EffectSums {
  return { breakdown, key, area, n: changes.length, sum: changes.reduce((s, x) => s + x, 0), sumSquares: changes.reduce((s, x) => s + x * x, 0), growth, decline };
}
const times = (n: number, x: number) => Array.from({ length: n }, (_, i) => x + (i % 3) - 1);

describe("the effect's tables", () => {
  it("give each group its count, mean change, t-based 95% interval and shares of reliable change", () => {
    const changes = [12, 5, -3, 20, 8, 7, 1];
    const t = buildEffect([sums("total", "", changes, "overall", 3, 1), sums("course", "c1", changes, "overall", 3, 1)], 5, labels);
    const interval = meanInterval(7, 50, changes.reduce((s, x) => s + x * x, 0))!;
    expect(t.areas).toEqual(["overall"]);
    expect(t.total.cells[0]).toEqual({ area: "overall", suppressed: false, n: 7, mean: 50 / 7, low: interval.low, high: interval.high, growthShare: 3 / 7, declineShare: 1 / 7 });
    expect(t.byCourse[0]).toMatchObject({ key: "c1", title: "Курс c1" });
  });

  it("hide the mentored group of three and, since the total is shown, the other group too", () => {
    const t = buildEffect([sums("total", "", times(43, 5)), sums("mentoring", "mentored", times(3, 9)), sums("mentoring", "not-mentored", times(40, 5))], 5, labels);
    expect(t.total.cells[0]).toMatchObject({ suppressed: false, n: 43 });
    expect(t.byMentoring.map((r) => r.cells[0])).toEqual([
      { area: "overall", suppressed: true, reason: "small" },
      { area: "overall", suppressed: true, reason: "complementary" },
    ]);
  });

  it("show nothing at all when the whole breakdown is below the threshold, and say why", () => {
    const t = buildEffect([sums("total", "", [4, 6]), sums("municipality", "m1", [4, 6])], 5, labels);
    expect(t.total.cells[0]).toEqual({ area: "overall", suppressed: true, reason: "small" });
    expect(t.byMunicipality[0]!.cells[0]).toEqual({ area: "overall", suppressed: true, reason: "small" });
    const sheet = effectSheet({
      from: { id: "a", title: "A", wave: "input", status: "closed", startsOn: "2026-01-01", endsOn: "2026-01-31" },
      to: { id: "b", title: "B", wave: "intermediate", status: "closed", startsOn: "2026-06-01", endsOn: "2026-06-30" },
      filters: {}, threshold: 5, provisional: false, areas: [{ id: "overall", title: "Все компетенции" }], notes: [],
      total: t.total, byCourse: t.byCourse, byMentoring: t.byMentoring, byMunicipality: t.byMunicipality,
    });
    const [empty, hidden] = [sheet.rows.filter((r) => r.n === 0), sheet.rows.filter((r) => r.n !== 0)];
    // The mentoring rows are always listed; without sums they have nobody in them.
    expect(empty.map((r) => [r.group, r.note])).toEqual([["С наставником", "Нет участников обеих волн"], ["Без наставника", "Нет участников обеих волн"]]);
    expect(hidden.length).toBe(2);
    for (const row of hidden) {
      expect(row).toMatchObject({ n: null, mean: null, low: null, high: null, growth: null, decline: null });
      expect(String(row.note)).toMatch(/^Скрыто: меньше 5 человек/);
    }
  });

  it("put «no course» last and the courses by size; municipalities by name", () => {
    const t = buildEffect([
      sums("total", "", times(30, 2)), sums("course", "", times(10, 1)), sums("course", "small", times(6, 4)), sums("course", "big", times(14, 3)),
      sums("municipality", "b", times(12, 2)), sums("municipality", "a", times(18, 2)),
    ], 5, labels);
    expect(t.byCourse.map((r) => r.key)).toEqual(["big", "small", ""]);
    expect(t.byCourse[2]!.title).toBe("Без курса между волнами");
    expect(t.byMunicipality.map((r) => r.title)).toEqual(["Район a", "Район b"]);
  });

  const groupSizes = fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 6 });

  it("property: no figure for a group below the threshold; with the total shown, hidden groups are none or at least two holding the threshold together", () => {
    fc.assert(fc.property(groupSizes, groupSizes, fc.integer({ min: 3, max: 10 }), (municipal, mentoring, threshold) => {
      const total = municipal.reduce((s, n) => s + n, 0);
      const input = [
        sums("total", "", times(total, 4)),
        ...municipal.map((n, i) => sums("municipality", `m${i}`, times(n, i))),
        sums("mentoring", "mentored", times(mentoring[0]!, 6)),
        sums("mentoring", "not-mentored", times(Math.max(0, total - mentoring[0]!), 2)),
      ];
      const t = buildEffect(input, threshold, labels);
      if (total === 0) { expect(t.areas).toEqual([]); return; }
      const totalShown = !t.total.cells[0]!.suppressed;
      expect(totalShown).toBe(total >= threshold);
      for (const rows of [t.byMunicipality, t.byMentoring]) {
        const cells = rows.map((r) => r.cells[0]!);
        for (const c of cells) if (!c.suppressed && (c.n ?? 0) > 0) expect(c.n).toBeGreaterThanOrEqual(threshold);
        const hidden = rows.filter((r) => r.cells[0]!.suppressed);
        const sizeOf = (key: string) => input.find((s) => s.breakdown !== "total" && s.key === key)?.n ?? 0;
        if (totalShown && hidden.length > 0) {
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((s, r) => s + sizeOf(r.key), 0)).toBeGreaterThanOrEqual(threshold);
        }
        for (const c of cells) if (c.suppressed) expect(Object.keys(c).sort()).toEqual(["area", "reason", "suppressed"]);
        for (const c of cells) if (!c.suppressed && c.low !== undefined) { expect(c.low).toBeLessThanOrEqual(c.mean!); expect(c.high).toBeGreaterThanOrEqual(c.mean!); }
      }
    }));
  });
});
