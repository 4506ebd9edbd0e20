// Course grouping: examples of what a proposal looks like, and properties of every proposal, its bound and the baseline.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { proposeGroups } from "../../server/modules/course-groups/grouping.js";
import { greedyGroups } from "../../server/modules/course-groups/grouping-greedy.js";
import { boundSummary, groupingBound } from "../../server/modules/course-groups/grouping-bound.js";
import { connectedPartsUpperBound, mostConnectedSets, partsUpperBound } from "../../server/modules/course-groups/grouping-parts.js";
import {
  coverable, Dissimilarity, evaluate, neighbourMap, priorityOrder, weightsFor, type GroupingCandidate, type GroupingParams,
} from "../../server/modules/course-groups/grouping-model.js";

const person = (id: string, municipalityId: string, deficits: string[], priority = 0): GroupingCandidate => ({ id, municipalityId, deficits, priority });
const many = (prefix: string, n: number, municipalityId: string, deficits: string[], priority = 0) =>
  Array.from({ length: n }, (_, i) => person(`${prefix}${String(i).padStart(3, "0")}`, municipalityId, deficits, priority));
const P = (minSize: number, maxSize: number, seats?: number): GroupingParams => ({ minSize, maxSize, seats });
const ids = (people: GroupingCandidate[], groups: number[][]) => groups.map((g) => g.map((i) => people[i]!.id).sort());

describe("grouping by example", () => {
  it("knows which head counts split into groups of 15–25", () => {
    expect([14, 15, 25, 26, 29, 30, 51, 0].map((n) => coverable(n, 15, 25))).toEqual([false, true, true, false, false, true, true, true]);
  });

  it("keeps municipalities apart when each fills its own groups, and puts equal profiles together", () => {
    const people = [...many("a", 30, "m1", ["x"]), ...many("b", 30, "m1", ["y"]), ...many("c", 20, "m2", ["x", "y"])];
    const r = proposeGroups(people, P(15, 25), neighbourMap([["m1", "m2"]]));
    // 60 people of m1 make four groups of 15, each of one profile; m2's 20 are one group.
    expect(r.groups.map((g) => g.length).sort()).toEqual([15, 15, 15, 15, 20]);
    for (const g of r.groups) {
      expect(new Set(g.map((i) => people[i]!.municipalityId)).size).toBe(1);
      expect(new Set(g.map((i) => people[i]!.deficits.join())).size).toBe(1);
    }
    expect(r.evaluation.objective).toBe(0);
    const bound = groupingBound(people, r.placed, P(15, 25), neighbourMap([["m1", "m2"]]), r.evaluation, r.weights);
    expect(bound).toMatchObject({ lowerBound: 0, gap: 0 });
    expect(boundSummary(bound)).toMatch(/оптимально/);
  });

  it("joins a small municipality to a neighbour, never to a distant one", () => {
    const people = [...many("a", 20, "big", ["x"]), ...many("b", 5, "small", ["x"]), ...many("c", 20, "far", ["x"])];
    const neighbours = neighbourMap([["big", "small"], ["big", "far"]]);
    const r = proposeGroups(people, P(15, 25), neighbours);
    expect(ids(people, r.groups).map((g) => [...new Set(g.map((id) => id[0]))].sort().join())).toEqual(expect.arrayContaining(["a,b", "c"]));
    expect(r.evaluation).toMatchObject({ extraMunicipalities: 1, nonNeighbourGroups: 0 });
  });

  it("makes one smaller group when fewer than the minimum are left, and leaves out the lowest priority when the count cannot split", () => {
    const few = many("p", 7, "m1", ["x"]);
    expect(proposeGroups(few, P(15, 25), new Map()).groups.map((g) => g.length)).toEqual([7]);
    const people = [...many("hi", 20, "m1", ["x"], 2), ...many("lo", 8, "m1", ["x"], 0)];
    const r = proposeGroups(people, P(15, 25), new Map());
    expect(r.groups.map((g) => g.length)).toEqual([25]);
    expect(r.left.map((l) => l.reason)).toEqual(["sizes", "sizes", "sizes"]);
    expect(r.left.every((l) => people[l.index]!.priority === 0)).toBe(true);
  });

  it("gives seats to schools with low results and unfavourable conditions first, then to more deficits", () => {
    const people = [person("z1", "m1", ["x"], 0), person("z2", "m1", ["x", "y", "z"], 1), person("z3", "m1", ["x"], 2), person("z4", "m1", ["x", "y"], 1)];
    const r = proposeGroups(people, P(1, 2, 3), new Map());
    expect(r.placed.map((i) => people[i]!.id).sort()).toEqual(["z2", "z3", "z4"]);
    expect(r.left).toEqual([{ index: 0, reason: "seats" }]);
  });

  it("measures dissimilarity as 1 − Jaccard and D as each member's mean to groupmates", () => {
    const people = [person("a", "m", ["x", "y"]), person("b", "m", ["x"]), person("c", "m", ["z"])];
    const dis = new Dissimilarity(people.map((p) => p.deficits));
    expect([dis.between(0, 1), dis.between(0, 2), dis.between(1, 2)]).toEqual([0.5, 1, 1]);
    // a: (0.5 + 1) / 2, b: (0.5 + 1) / 2, c: (1 + 1) / 2
    expect(evaluate([[0, 1, 2]], people, dis, new Map(), weightsFor(P(1, 3))).dissimilarity).toBeCloseTo(2.5);
  });

  it("bounds the most parts by counting and exactly over subsets", () => {
    // Four municipalities of 14: two together make 28, which 15–25 cannot split; three make 42, which it can.
    expect(partsUpperBound([14, 14, 14, 14], 15, 25)).toBe(2);
    const chain = new Map([["a", 14], ["b", 14], ["c", 14], ["d", 14]]);
    const line = neighbourMap([["a", "b"], ["b", "c"], ["c", "d"]]);
    expect(mostConnectedSets(["a", "b", "c", "d"], chain, line, 15, 25)).toBe(1);
    expect(connectedPartsUpperBound(chain, line, 15, 25)).toBe(1);
    // Two pairs of 8 that border each other make two parts; apart, none.
    const pairs = new Map([["a", 8], ["b", 8], ["c", 8], ["d", 8]]);
    expect(connectedPartsUpperBound(pairs, neighbourMap([["a", "b"], ["c", "d"]]), 15, 25)).toBe(2);
    expect(connectedPartsUpperBound(pairs, new Map(), 15, 25)).toBe(0);
  });
});

/** A small random region: up to 60 people in up to 5 municipalities, deficits among 5 competencies, random borders. */
const instance = fc.record({
  municipalities: fc.integer({ min: 1, max: 5 }),
  people: fc.array(fc.record({
    m: fc.nat(4), deficits: fc.subarray(["a", "b", "c", "d", "e"], { minLength: 1 }), priority: fc.integer({ min: 0, max: 2 }),
  }), { maxLength: 60 }),
  min: fc.integer({ min: 1, max: 6 }),
  spread: fc.integer({ min: 0, max: 6 }),
  seats: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
  borders: fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { maxLength: 8 }),
}).map((x) => ({
  people: x.people.map((p, i) => person(`p${String(i).padStart(2, "0")}`, `m${p.m % x.municipalities}`, p.deficits, p.priority)),
  params: P(x.min, x.min + x.spread, x.seats),
  neighbours: neighbourMap(x.borders.map(([a, b]) => [`m${a % x.municipalities}`, `m${b % x.municipalities}`] as const)),
}));

describe("every proposal", () => {
  it("places each candidate at most once, leaves out only with a reason, and keeps sizes within bounds unless too few remain", () => {
    fc.assert(fc.property(instance, ({ people, params, neighbours }) => {
      const r = proposeGroups(people, params, neighbours);
      const members = r.groups.flat();
      expect(new Set(members).size).toBe(members.length);
      expect([...members].sort((a, b) => a - b)).toEqual(r.placed);
      for (const i of members) expect(i >= 0 && i < people.length).toBe(true);
      expect([...r.placed, ...r.left.map((l) => l.index)].sort((a, b) => a - b)).toEqual(people.map((_, i) => i));
      if (r.placed.length >= params.minSize) {
        for (const g of r.groups) expect(g.length >= params.minSize && g.length <= params.maxSize).toBe(true);
      } else {
        expect(r.groups.length).toBe(r.placed.length ? 1 : 0);
      }
    }), { numRuns: 300 });
  });

  it("respects the seats in priority order: nobody placed ranks below someone left out", () => {
    fc.assert(fc.property(instance, ({ people, params, neighbours }) => {
      const r = proposeGroups(people, params, neighbours);
      if (params.seats !== undefined) expect(r.placed.length).toBeLessThanOrEqual(params.seats);
      const rank = new Map(priorityOrder(people).map((i, k) => [i, k]));
      const lastPlaced = Math.max(-1, ...r.placed.map((i) => rank.get(i)!));
      for (const l of r.left) expect(rank.get(l.index)!).toBeGreaterThan(lastPlaced);
      // Only as many are left out for sizes as needed to reach a head count that splits.
      const seated = Math.min(people.length, params.seats ?? people.length);
      if (seated >= params.minSize) expect(coverable(r.placed.length, params.minSize, params.maxSize)).toBe(true);
      for (let n = r.placed.length + 1; n <= seated; n++) expect(coverable(n, params.minSize, params.maxSize)).toBe(false);
    }), { numRuns: 300 });
  });

  it("is never worse than the greedy baseline, places the same people, and is the same whatever the input order", () => {
    fc.assert(fc.property(instance, fc.infiniteStream(fc.nat()), ({ people, params, neighbours }, noise) => {
      const r = proposeGroups(people, params, neighbours);
      const g = greedyGroups(people, params, neighbours);
      expect(r.evaluation.objective).toBeLessThanOrEqual(g.evaluation.objective + 1e-9);
      expect(r.placed).toEqual(g.placed);
      const shuffled = people.map((p) => ({ p, k: noise.next().value })).sort((a, b) => a.k - b.k).map((x) => x.p);
      const again = proposeGroups(shuffled, params, neighbours);
      const byId = (list: GroupingCandidate[], groups: number[][]) => groups.map((x) => x.map((i) => list[i]!.id).sort().join()).sort();
      expect(byId(shuffled, again.groups)).toEqual(byId(people, r.groups));
    }), { numRuns: 150 });
  });

  it("reports its objective as evaluating its groups does", () => {
    fc.assert(fc.property(instance, ({ people, params, neighbours }) => {
      const r = proposeGroups(people, params, neighbours);
      const again = evaluate(r.groups, people, new Dissimilarity(people.map((p) => p.deficits)), neighbours, r.weights);
      expect(again.objective).toBeCloseTo(r.evaluation.objective, 9);
    }), { numRuns: 100 });
  });

  it("never has a lower bound above its objective", () => {
    fc.assert(fc.property(instance, ({ people, params, neighbours }) => {
      const r = proposeGroups(people, params, neighbours);
      const b = groupingBound(people, r.placed, params, neighbours, r.evaluation, r.weights);
      expect(b.lowerBound).toBeLessThanOrEqual(r.evaluation.objective + 1e-9);
      expect(b.gap).toBeGreaterThanOrEqual(0);
      expect(b.gap).toBeLessThanOrEqual(1);
    }), { numRuns: 300 });
  });
});

/** Every split of `items` into groups of min…max people. */
function* partitions(items: number[], min: number, max: number): Generator<number[][]> {
  if (!items.length) { yield []; return; }
  const [first, ...rest] = items;
  for (let mask = 0; mask < 1 << rest.length; mask++) {
    const mates = rest.filter((_, i) => mask & (1 << i));
    if (mates.length + 1 < min || mates.length + 1 > max) continue;
    for (const p of partitions(rest.filter((_, i) => !(mask & (1 << i))), min, max)) yield [[first!, ...mates], ...p];
  }
}

describe("the lower bound against the true optimum (exhaustive search on small inputs)", () => {
  const small = fc.record({
    people: fc.array(fc.record({ m: fc.nat(2), deficits: fc.subarray(["a", "b", "c", "d"], { minLength: 1 }) }), { minLength: 1, maxLength: 9 }),
    min: fc.integer({ min: 1, max: 3 }),
    spread: fc.integer({ min: 0, max: 2 }),
    borders: fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { maxLength: 3 }),
  });

  it("lies at or below the best possible objective, which lies at or below the proposal's", () => {
    fc.assert(fc.property(small, (x) => {
      const people = x.people.map((p, i) => person(`p${i}`, `m${p.m}`, p.deficits));
      const params = P(x.min, x.min + x.spread);
      const neighbours = neighbourMap(x.borders.map(([a, b]) => [`m${a}`, `m${b}`] as const));
      const r = proposeGroups(people, params, neighbours);
      const bound = groupingBound(people, r.placed, params, neighbours, r.evaluation, r.weights);
      const dis = new Dissimilarity(people.map((p) => p.deficits));
      let best = r.placed.length < params.minSize ? r.evaluation.objective : Infinity;
      if (r.placed.length >= params.minSize) {
        for (const split of partitions(r.placed, params.minSize, params.maxSize)) best = Math.min(best, evaluate(split, people, dis, neighbours, r.weights).objective);
      }
      expect(bound.lowerBound).toBeLessThanOrEqual(best + 1e-9);
      expect(best).toBeLessThanOrEqual(r.evaluation.objective + 1e-9);
    }), { numRuns: 400 });
  });
});
