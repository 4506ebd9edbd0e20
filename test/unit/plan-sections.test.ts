// The plan page's grouping: items under their deficit, weakest first; deficits without items listed with the courses that address them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanItem } from "../../client/src/features/plan/plan-api.js";
import { counts, editableIn, groupByDeficit } from "../../client/src/features/plan/plan-logic.js";

const item = (id: string, over: Partial<PlanItem> = {}): PlanItem => ({
  id, kind: "seminar", title: `Пункт ${id}`, status: "planned", overdue: false, createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z",
  mayDelete: false, evidence: [], ...over,
});
const deficits = [{ id: "a", title: "Тема А", percent: 10 }, { id: "b", title: "Тема Б", percent: 20 }, { id: "c", title: "Тема В", percent: 30 }];

describe("grouping by deficit", () => {
  it("files items under their deficit in the deficits' order, then other competencies, then loose items; lists the rest", () => {
    const plan = {
      deficits,
      items: [
        item("1", { competencyId: "c" }), item("2", { competencyId: "x", competencyTitle: "Другая тема" }), item("3"),
        item("4", { competencyId: "a", kind: "course", addresses: ["a", "b"] }), item("5", { competencyId: "a", kind: "course", addresses: ["a", "b", "c"], status: "dropped" }),
      ],
    };
    const { sections, others } = groupByDeficit(plan);
    expect(sections.map((s) => [s.key, s.items.map((i) => i.id)])).toEqual([["a", ["4", "5"]], ["c", ["1"]], ["x", ["2"]], ["none", ["3"]]]);
    expect(sections[2]!.title).toBe("Другая тема");
    // B has no item of its own; the open course 4 addresses it, the dropped course 5 does not count.
    expect(others).toEqual([{ ...deficits[1], coveredBy: [plan.items[3]] }]);
  });

  it("shows every item exactly once and every deficit exactly once, whatever the plan", () => {
    const arbitraryItem = fc.record({
      competencyId: fc.option(fc.constantFrom("a", "b", "c", "x", "y"), { nil: undefined }),
      status: fc.constantFrom("planned", "in-progress", "done", "dropped"),
      addresses: fc.option(fc.subarray(["a", "b", "c"]), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(arbitraryItem, { maxLength: 12 }), (specs) => {
      const items = specs.map((s, k) => item(String(k), s));
      const { sections, others } = groupByDeficit({ deficits, items });
      expect(sections.flatMap((s) => s.items.map((i) => i.id)).sort()).toEqual(items.map((i) => i.id).sort());
      const shown = [...sections.filter((s) => s.percent !== undefined).map((s) => s.key), ...others.map((o) => o.id)];
      expect(shown.sort()).toEqual(["a", "b", "c"]);
      for (const s of sections) expect(s.items.length).toBeGreaterThan(0);
      for (const o of others) for (const i of o.coveredBy) expect(i.status !== "dropped" && i.addresses!.includes(o.id)).toBe(true);
    }), { numRuns: 500 });
  });

  it("counts what is not dropped, and edits only where both the page and the server allow", () => {
    expect(counts([item("1", { status: "done" }), item("2", { status: "dropped", overdue: false }), item("3", { overdue: true }), item("4", { status: "in-progress" })]))
      .toEqual({ total: 3, done: 1, inProgress: 1, overdue: 1 });
    expect([editableIn("mentor", "mentor"), editableIn("own", "read"), editableIn("read", "own")]).toEqual([true, false, false]);
  });
});
