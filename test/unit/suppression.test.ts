// Small-group suppression: no group below the threshold is shown, and none can be recovered by subtraction.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveThreshold, suppressSmallGroups, type GroupCount } from "../../server/modules/climate/suppression.js";

const groups = (...ns: number[]): GroupCount[] => ns.map((n, i) => ({ key: `g${i}`, n }));

describe("suppressing small groups", () => {
  it("shows every group at or above the threshold and hides nothing when none is small", () => {
    const r = suppressSmallGroups(groups(5, 12, 30), 5);
    expect([...r.shown].sort()).toEqual(["g0", "g1", "g2"]);
    expect(r.hidden.size).toBe(0);
    expect(r.totalShown).toBe(true);
  });

  it("hides a small group and the next-smallest, so that the total minus the shown ones reveals no single group", () => {
    const r = suppressSmallGroups(groups(3, 8, 40, 9), 5);
    expect(r.hidden.get("g0")).toBe("small");
    expect(r.hidden.get("g1")).toBe("complementary");
    expect([...r.shown].sort()).toEqual(["g2", "g3"]);
  });

  it("keeps hiding until the hidden groups together reach the threshold", () => {
    // 1 + 2 = 3 < 5: a third group must go too.
    const r = suppressSmallGroups(groups(1, 2, 6, 7, 50), 5);
    expect([...r.hidden.keys()].sort()).toEqual(["g0", "g1", "g2"]);
  });

  it("hides everything, the total too, when the whole breakdown is below the threshold", () => {
    const r = suppressSmallGroups(groups(2, 1), 5);
    expect(r.shown.size).toBe(0);
    expect(r.totalShown).toBe(false);
  });

  it("without a published total, hides only the small groups", () => {
    const r = suppressSmallGroups(groups(3, 8, 40), 5, false);
    expect([...r.hidden.keys()]).toEqual(["g0"]);
  });

  it("a group that drops below the threshold under a filter is hidden, with its complement", () => {
    const all = suppressSmallGroups([{ key: "teacher", n: 14 }, { key: "student", n: 60 }, { key: "parent", n: 22 }], 5);
    expect(all.hidden.size).toBe(0);
    // Filtered to one class: four teachers answered about it.
    const filtered = suppressSmallGroups([{ key: "teacher", n: 4 }, { key: "student", n: 25 }, { key: "parent", n: 11 }], 5);
    expect(filtered.hidden.get("teacher")).toBe("small");
    expect(filtered.hidden.get("parent")).toBe("complementary");
    expect([...filtered.shown]).toEqual(["student"]);
  });

  it("never goes below three, whatever is configured", () => {
    expect(effectiveThreshold(1)).toBe(3);
    expect(effectiveThreshold(5)).toBe(5);
  });

  const arbitraryGroups = fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 12 }).map((ns) => groups(...ns));

  it("property: no shown group is below the threshold", () => {
    fc.assert(fc.property(arbitraryGroups, fc.integer({ min: 3, max: 10 }), (gs, t) => {
      const r = suppressSmallGroups(gs, t);
      for (const g of gs) if (r.shown.has(g.key)) expect(g.n).toBeGreaterThanOrEqual(t);
    }));
  });

  it("property: the subtraction attack (total minus the shown groups) never isolates a group or a small remainder", () => {
    fc.assert(fc.property(arbitraryGroups, fc.integer({ min: 3, max: 10 }), (gs, t) => {
      const r = suppressSmallGroups(gs, t);
      if (!r.totalShown) return;
      const total = gs.reduce((s, g) => s + g.n, 0);
      const shownSum = gs.filter((g) => r.shown.has(g.key)).reduce((s, g) => s + g.n, 0);
      const remainder = total - shownSum;
      const hiddenGroups = gs.filter((g) => g.n > 0 && !r.shown.has(g.key));
      // Either nothing is hidden, or the remainder mixes at least two groups and at least `t` people.
      if (hiddenGroups.length === 0) expect(remainder).toBe(0);
      else {
        expect(hiddenGroups.length).toBeGreaterThanOrEqual(2);
        expect(remainder).toBeGreaterThanOrEqual(t);
      }
    }));
  });

  it("property: groups without any small one are all shown", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 5, max: 80 }), { minLength: 1, maxLength: 10 }), (ns) => {
      const r = suppressSmallGroups(groups(...ns), 5);
      expect(r.shown.size).toBe(ns.length);
    }));
  });
});
