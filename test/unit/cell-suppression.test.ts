// Suppression over overlapping totals: no shown cell is small, and no published total minus its shown cells reveals fewer than the threshold.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressCells, type Cell, type Total } from "../../server/modules/climate/cell-suppression.js";
import { suppressSmallGroups } from "../../server/modules/climate/suppression.js";

const cells = (entries: Record<string, number>): Cell[] => Object.entries(entries).map(([key, n]) => ({ key, n }));

describe("suppressing cells under several totals", () => {
  it("hides a small school and, within its municipality, the next-smallest; the region total is then safe too", () => {
    // m1: a (3), b (7); m2: c (9). Region = a + b + c.
    const r = suppressCells(cells({ a: 3, b: 7, c: 9 }), [
      { key: "m1", cells: ["a", "b"] }, { key: "m2", cells: ["c"] }, { key: "region", cells: ["a", "b", "c"] },
    ], 5);
    expect(r.hidden.get("a")).toBe("small");
    expect(r.hidden.get("b")).toBe("complementary");
    expect(r.shown("c")).toBe(true);
    expect([...r.totalsShown].sort()).toEqual(["m1", "m2", "region"]);
  });

  it("a lone small cell in one municipality makes the region total hide another cell elsewhere", () => {
    // m1 holds only a (4): its own total is below the threshold, nothing to protect there; but region − b − c = a.
    const r = suppressCells(cells({ a: 4, b: 20, c: 6 }), [
      { key: "m1", cells: ["a"] }, { key: "m2", cells: ["b", "c"] }, { key: "region", cells: ["a", "b", "c"] },
    ], 5);
    expect(r.hidden.get("a")).toBe("small");
    expect(r.hidden.get("c")).toBe("complementary");
    // …and then m2 − b = c would show c alone: m2 hides b too.
    expect(r.hidden.get("b")).toBe("complementary");
    expect(r.totalsShown.has("m1")).toBe(false);
  });

  it("keeps forced cells hidden, and does not show a total that cannot be made safe", () => {
    // The only cell of `t` is hidden for a reason decided elsewhere: showing `t` would show it.
    const r = suppressCells(cells({ a: 12 }), [{ key: "t", cells: ["a"] }], 5, new Map([["a", "complementary"]]));
    expect(r.shown("a")).toBe(false);
    expect(r.totalsShown.has("t")).toBe(false);
  });

  it("cells with nobody behind them have no figure and are neither shown nor hidden", () => {
    const r = suppressCells(cells({ a: 0, b: 8, c: 9 }), [{ key: "t", cells: ["a", "b", "c"] }], 5);
    expect(r.shown("a")).toBe(false);
    expect(r.hidden.has("a")).toBe(false);
    expect(r.hidden.size).toBe(0);
  });

  const totalsArb = fc.record({
    ns: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 14 }),
    groups: fc.array(fc.array(fc.nat(13), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
    threshold: fc.integer({ min: 3, max: 10 }),
    forced: fc.array(fc.nat(13), { maxLength: 3 }),
  }).map(({ ns, groups, threshold, forced }) => ({
    cells: ns.map((n, i) => ({ key: `c${i}`, n })),
    totals: groups.map((g, i): Total => ({ key: `t${i}`, cells: g.filter((j) => j < ns.length).map((j) => `c${j}`) })),
    threshold,
    forced: new Map(forced.filter((j) => j < ns.length).map((j) => [`c${j}`, "complementary" as const])),
  }));

  it("property: no shown cell is below the threshold, forced cells stay hidden", () => {
    fc.assert(fc.property(totalsArb, ({ cells: cs, totals, threshold, forced }) => {
      const r = suppressCells(cs, totals, threshold, forced);
      for (const c of cs) {
        if (r.shown(c.key)) expect(c.n).toBeGreaterThanOrEqual(threshold);
        if (forced.has(c.key) && c.n > 0) expect(r.shown(c.key)).toBe(false);
      }
    }), { numRuns: 500 });
  });

  it("property: every total shown, minus its shown cells, leaves nothing or at least two hidden cells holding the threshold together", () => {
    fc.assert(fc.property(totalsArb, ({ cells: cs, totals, threshold, forced }) => {
      const r = suppressCells(cs, totals, threshold, forced);
      const n = new Map(cs.map((c) => [c.key, c.n]));
      for (const t of totals) {
        const present = [...new Set(t.cells)].filter((k) => (n.get(k) ?? 0) > 0);
        const sum = present.reduce((s, k) => s + n.get(k)!, 0);
        if (!r.totalsShown.has(t.key)) continue;
        expect(sum).toBeGreaterThanOrEqual(threshold);
        const hidden = present.filter((k) => !r.shown(k));
        if (hidden.length === 0) continue;
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((s, k) => s + n.get(k)!, 0)).toBeGreaterThanOrEqual(threshold);
      }
    }), { numRuns: 500 });
  });

  it("property: with one total, it decides exactly as suppressSmallGroups", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 3, max: 10 }), (ns, threshold) => {
      const groups = ns.map((n, i) => ({ key: `g${i}`, n }));
      const one = suppressSmallGroups(groups, threshold);
      const many = suppressCells(groups, [{ key: "all", cells: groups.map((g) => g.key) }], threshold);
      expect(new Map(many.hidden)).toEqual(new Map(one.hidden));
      expect(many.totalsShown.has("all")).toBe(one.totalShown);
    }), { numRuns: 500 });
  });

  it("refuses a threshold that is not a positive integer", () => {
    expect(() => suppressCells([], [], 0)).toThrow(RangeError);
  });
});
