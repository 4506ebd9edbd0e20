// The draft's rules: groups, recommended courses, self-study for the rest; nothing twice, every deficit covered, idempotent.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanItemKind, PlanItemStatus } from "../../server/db/schema.js";
import { draftPlan, type Draft, type DraftInput, type ExistingItem } from "../../server/modules/plans/draft-plan.js";

const STATUSES: PlanItemStatus[] = ["planned", "in-progress", "done", "dropped"];
const KINDS: PlanItemKind[] = ["course", "seminar", "consultation", "lesson-observation", "open-lesson", "self-study"];

/** The plan after a draft is written: new items planned, tied items with their group and due date. */
function applied(input: DraftInput, draft: Draft): ExistingItem[] {
  const links = new Map(draft.link.map((l) => [l.itemId, l]));
  return [
    ...input.existing.map((i) => (links.has(i.id) ? { ...i, groupId: links.get(i.id)!.groupId, dueOn: links.get(i.id)!.dueOn } : i)),
    ...draft.create.map((d, k) => ({ ...d, id: `new-${k}`, status: "planned" as const })),
  ];
}

const input = (over: Partial<DraftInput>): DraftInput => ({
  deficits: [], measured: new Map(), recommendations: [], groups: [], courseCompetencies: new Map(), existing: [], ...over,
});

describe("the draft by example", () => {
  const courseCompetencies = new Map([["algebra", ["m.eq", "m.fn"]], ["geometry", ["m.geo"]], ["assessment", ["x.assess"]]]);
  const measured = new Map([["m.eq", 20], ["m.fn", 35], ["m.geo", 40], ["x.assess", 60], ["m.prob", 10]]);
  const deficits = [{ id: "m.eq", title: "Уравнения", percent: 20 }, { id: "m.fn", title: "Функции", percent: 35 }, { id: "m.geo", title: "Геометрия", percent: 40 }, { id: "m.prob", title: "Вероятность", percent: 10 }];

  it("groups first with their end as due, then recommended courses, then self-study for what no course closes", () => {
    const draft = draftPlan(input({
      deficits, measured, courseCompetencies,
      recommendations: [{ courseId: "algebra", title: "Алгебра", addresses: ["m.fn", "m.eq"] }, { courseId: "geometry", title: "Геометрия", addresses: ["m.geo"] }],
      groups: [{ groupId: "g1", courseId: "geometry", courseTitle: "Геометрия", startsOn: "2027-02-01", endsOn: "2027-03-10" }],
    }));
    expect(draft.link).toEqual([]);
    expect(draft.create).toEqual([
      { kind: "course", title: "Геометрия", courseId: "geometry", groupId: "g1", dueOn: "2027-03-10", competencyId: "m.geo" },
      { kind: "course", title: "Алгебра", courseId: "algebra", groupId: null, dueOn: null, competencyId: "m.eq" },
      { kind: "self-study", title: "Самостоятельное изучение: Вероятность", courseId: null, groupId: null, dueOn: null, competencyId: "m.prob" },
    ]);
  });

  it("ties an open course item to the teacher's new group of that course instead of adding it again", () => {
    const existing: ExistingItem[] = [{ id: "i1", kind: "course", competencyId: "m.eq", courseId: "algebra", groupId: null, dueOn: null, status: "in-progress" }];
    const draft = draftPlan(input({
      deficits, measured, courseCompetencies, existing,
      groups: [{ groupId: "g2", courseId: "algebra", courseTitle: "Алгебра", startsOn: null, endsOn: "2027-05-01" }],
    }));
    expect(draft.link).toEqual([{ itemId: "i1", groupId: "g2", dueOn: "2027-05-01" }]);
    expect(draft.create.map((d) => d.courseId)).not.toContain("algebra");
  });

  it("leaves a dropped or finished course alone, and a deficit with any item (even dropped) gets no self-study", () => {
    const existing: ExistingItem[] = [
      { id: "i1", kind: "course", competencyId: "m.eq", courseId: "algebra", groupId: null, dueOn: null, status: "dropped" },
      { id: "i2", kind: "consultation", competencyId: "m.prob", courseId: null, groupId: null, dueOn: null, status: "dropped" },
    ];
    const draft = draftPlan(input({
      deficits, measured, courseCompetencies, existing,
      recommendations: [{ courseId: "algebra", title: "Алгебра", addresses: ["m.eq", "m.fn"] }],
      groups: [{ groupId: "g3", courseId: "algebra", courseTitle: "Алгебра", startsOn: null, endsOn: null }],
    }));
    expect(draft).toEqual({ link: [], create: [{ kind: "self-study", title: "Самостоятельное изучение: Геометрия", competencyId: "m.geo", courseId: null, groupId: null, dueOn: null }] });
  });

  it("clips a long course title to 300 characters", () => {
    const draft = draftPlan(input({ recommendations: [{ courseId: "long", title: "К".repeat(400), addresses: [] }] }));
    expect(draft.create[0]!.title).toHaveLength(300);
    expect(draft.create[0]!.competencyId).toBeNull();
  });
});

const competencyIds = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"];
const courseIds = ["k0", "k1", "k2", "k3", "k4", "k5"];
const day = fc.integer({ min: 0, max: 700 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

const arbitraryInput: fc.Arbitrary<DraftInput> = fc.record({
  percents: fc.dictionary(fc.constantFrom(...competencyIds), fc.integer({ min: 0, max: 100 })),
  catalogue: fc.dictionary(fc.constantFrom(...courseIds), fc.uniqueArray(fc.constantFrom(...competencyIds), { maxLength: 4 })),
  recommended: fc.uniqueArray(fc.constantFrom(...courseIds), { maxLength: 4 }),
  groups: fc.array(fc.record({ groupId: fc.constantFrom("g0", "g1", "g2", "g3"), courseId: fc.constantFrom(...courseIds), startsOn: fc.option(day), endsOn: fc.option(day) }), { maxLength: 4 }),
  existing: fc.array(fc.record({
    kind: fc.constantFrom(...KINDS), competencyId: fc.option(fc.constantFrom(...competencyIds)), courseId: fc.option(fc.constantFrom(...courseIds)),
    groupId: fc.option(fc.constantFrom("g0", "g1", "g2", "g3")), dueOn: fc.option(day), status: fc.constantFrom(...STATUSES),
  }), { maxLength: 6 }),
}).map(({ percents, catalogue, recommended, groups, existing }) => {
  const measured = new Map(Object.entries(percents));
  const courseCompetencies = new Map(Object.entries(catalogue));
  // A group id names one group (of one course), as in the database.
  const uniqueGroups = [...new Map(groups.map((g) => [g.groupId, g])).values()];
  return {
    measured, courseCompetencies,
    deficits: [...measured].filter(([, p]) => p < 50).map(([id, percent]) => ({ id, title: `Тема ${id}`, percent })),
    recommendations: recommended.map((id) => ({ courseId: id, title: `Курс ${id}`, addresses: (catalogue[id] ?? []).filter((c) => measured.has(c)) })),
    groups: uniqueGroups.map((g) => ({ ...g, courseTitle: `Курс ${g.courseId}` })),
    existing: existing.map((e, k) => ({ ...e, id: `e${k}`, groupId: e.groupId && uniqueGroups.some((g) => g.groupId === e.groupId) ? e.groupId : null })),
  };
});

describe("the draft's properties", () => {
  it("is idempotent: drafting the drafted plan adds and ties nothing", () => {
    fc.assert(fc.property(arbitraryInput, (i) => {
      expect(draftPlan({ ...i, existing: applied(i, draftPlan(i)) })).toEqual({ create: [], link: [] });
    }), { numRuns: 2000 });
  });

  it("never adds a course or a group the plan has, nor one twice", () => {
    fc.assert(fc.property(arbitraryInput, (i) => {
      const { create } = draftPlan(i);
      const had = new Set(i.existing.map((e) => e.courseId).filter(Boolean));
      const added = create.flatMap((d) => (d.courseId ? [d.courseId] : []));
      expect(new Set(added).size).toBe(added.length);
      for (const c of added) expect(had.has(c)).toBe(false);
      const groups = create.flatMap((d) => (d.groupId ? [d.groupId] : []));
      for (const g of groups) expect(i.existing.some((e) => e.groupId === g)).toBe(false);
    }), { numRuns: 2000 });
  });

  it("leaves every deficit with an item, each filed under a measured competency its course addresses", () => {
    fc.assert(fc.property(arbitraryInput, (i) => {
      const draft = draftPlan(i);
      const plan = applied(i, draft);
      for (const d of i.deficits) {
        expect(plan.some((p) => p.competencyId === d.id || (p.courseId !== null && (i.courseCompetencies.get(p.courseId) ?? []).includes(d.id))), d.id).toBe(true);
      }
      for (const d of draft.create) {
        expect(d.title.length).toBeGreaterThan(0);
        expect(d.title.length).toBeLessThanOrEqual(300);
        if (d.competencyId !== null) expect(i.measured.has(d.competencyId)).toBe(true);
        if (d.courseId !== null && d.competencyId !== null) expect(i.courseCompetencies.get(d.courseId) ?? []).toContain(d.competencyId);
        if (d.kind === "self-study") expect(i.deficits.map((x) => x.id)).toContain(d.competencyId);
      }
    }), { numRuns: 2000 });
  });

  it("takes a group's end as the due date, and ties only open course items without a group", () => {
    fc.assert(fc.property(arbitraryInput, (i) => {
      const draft = draftPlan(i);
      for (const d of draft.create.filter((x) => x.groupId !== null)) {
        expect(d.dueOn).toBe(i.groups.find((g) => g.groupId === d.groupId)!.endsOn);
      }
      for (const l of draft.link) {
        const item = i.existing.find((e) => e.id === l.itemId)!;
        const group = i.groups.find((g) => g.groupId === l.groupId)!;
        expect(item).toMatchObject({ groupId: null, courseId: group.courseId });
        expect(["planned", "in-progress"]).toContain(item.status);
        expect(l.dueOn).toBe(group.endsOn ?? item.dueOn);
      }
      expect(new Set(draft.link.map((l) => l.itemId)).size).toBe(draft.link.length);
    }), { numRuns: 2000 });
  });
});
