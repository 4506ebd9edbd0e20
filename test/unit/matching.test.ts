// Mentor matching: admissible pairs, capacities, priorities and reasons by example; optimality against an LP and brute force.
import fc from "fast-check";
import highsLoader from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { matchGreedy } from "../../server/modules/mentoring/matching-greedy.js";
import { buildEdges, MAX_PAIR_COST, neighbourMap, geoOf, type MatchingInstance, type MenteeInput, type MentorInput } from "../../server/modules/mentoring/matching-model.js";
import { matchMentors, type MatchOutcome } from "../../server/modules/mentoring/matching.js";
import { solveAssignment, type AssignmentProblem } from "../../server/modules/mentoring/min-cost-flow.js";
import { pairReason, unmatchedReason } from "../../server/modules/mentoring/pair-reasons.js";

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highs: Highs;
beforeAll(async () => { highs = await highsLoader(); });

const mentee = (id: string, deficits: Record<string, string[]>, extra: Partial<MenteeInput> = {}): MenteeInput =>
  ({ id, municipalityId: "m1", schoolId: "s1", lowResults: false, unfavourable: false, deficits, ...extra });
const mentor = (id: string, subjects: string[], proficient: string[], extra: Partial<MentorInput> = {}): MentorInput =>
  ({ id, municipalityId: "m1", schoolId: "s9", highResults: true, subjects, proficient, capacity: 3, ...extra });
const instance = (mentees: MenteeInput[], mentors: MentorInput[], neighbours: Array<[string, string]> = [["m1", "m2"]]): MatchingInstance =>
  ({ mentees, mentors, neighbours });
const pairsOf = (o: MatchOutcome) => Object.fromEntries(o.pairs.map((p) => [p.menteeId, p.mentorId]));
const causeOf = (o: MatchOutcome, id: string) => o.unmatched.find((u) => u.menteeId === id)?.cause;

describe("who may mentor whom", () => {
  it("pairs a teacher with a mentor of the same subject who has mastered their deficits, and says which", () => {
    const out = matchMentors(instance([mentee("t", { math: ["math.a", "math.b", "method.x"] })], [mentor("r", ["math"], ["math.a", "method.x", "physics.z"])]));
    expect(pairsOf(out)).toEqual({ t: "r" });
    expect(out.pairs[0]!.facts).toMatchObject({ subject: "math", deficits: ["math.a", "math.b", "method.x"], covered: ["math.a", "method.x"], geo: "same" });
  });

  it("never proposes a mentor of another subject, nor one who has mastered none of the deficits", () => {
    const out = matchMentors(instance(
      [mentee("t1", { math: ["math.a"] }), mentee("t2", { math: ["math.b"] })],
      [mentor("physicist", ["physics"], ["math.a", "math.b"]), mentor("weak", ["math"], ["math.a"])],
    ));
    expect(pairsOf(out)).toEqual({ t1: "weak" });
    expect(causeOf(out, "t2")).toBe("none_proficient");
  });

  it("looks in the same and neighbouring municipalities, and further only when asked, at a higher cost", () => {
    const far = instance([mentee("t", { math: ["math.a"] })], [mentor("r", ["math"], ["math.a"], { municipalityId: "m3" })]);
    const near = matchMentors(far);
    expect(near.pairs).toEqual([]);
    expect(causeOf(near, "t")).toBe("none_nearby");
    const any = matchMentors(far, { distance: "any" });
    expect(any.pairs[0]!.facts.geo).toBe("other");
    const neighbour = matchMentors(instance([mentee("t", { math: ["math.a"] })], [mentor("r", ["math"], ["math.a"], { municipalityId: "m2" })]));
    expect(neighbour.pairs[0]!.facts.geo).toBe("neighbour");
    expect(any.totalCost).toBeGreaterThan(neighbour.totalCost);
  });

  it("explains a subject no mentor teaches", () => {
    const out = matchMentors(instance([mentee("t", { chemistry: ["chemistry.a"] })], [mentor("r", ["math"], ["math.a"])]));
    expect(causeOf(out, "t")).toBe("no_mentor_of_subject");
    expect(unmatchedReason("no_mentor_of_subject", ["chemistry"], 0)).toMatch(/нет учителей химии/);
  });

  it("does not pair a person with themself", () => {
    const out = matchMentors(instance([mentee("same", { math: ["math.a"] })], [mentor("same", ["math"], ["math.a"])]));
    expect(out.pairs).toEqual([]);
  });
});

describe("capacities and priorities", () => {
  it("gives a mentor no more mentees than their free places, the programme's schools first", () => {
    const out = matchMentors(instance(
      [mentee("ordinary", { math: ["math.a", "math.b"] }), mentee("low", { math: ["math.a"] }, { lowResults: true }), mentee("unfavourable", { math: ["math.a"] }, { unfavourable: true })],
      [mentor("r", ["math"], ["math.a", "math.b"], { capacity: 2 })],
    ));
    expect(pairsOf(out)).toEqual({ low: "r", unfavourable: "r" });
    expect(out.unmatched).toEqual([{ menteeId: "ordinary", cause: "all_full", subjects: ["math"], candidates: 1 }]);
  });

  it("a mentor with no free place is nobody's proposal, and says so", () => {
    const out = matchMentors(instance([mentee("t", { math: ["math.a"] })], [mentor("r", ["math"], ["math.a"], { capacity: 0 })]));
    expect(out.pairs).toEqual([]);
    expect(causeOf(out, "t")).toBe("all_full");
  });

  it("prefers, all else equal, the mentor who covers more, then a high-result school, then the same municipality", () => {
    const one = (m: MentorInput[]) => pairsOf(matchMentors(instance([mentee("t", { math: ["math.a", "math.b"] })], m))).t;
    expect(one([mentor("one", ["math"], ["math.a"]), mentor("two", ["math"], ["math.a", "math.b"], { highResults: false, municipalityId: "m2" })])).toBe("two");
    expect(one([mentor("plain", ["math"], ["math.a"], { highResults: false }), mentor("high", ["math"], ["math.a"], { municipalityId: "m2" })])).toBe("high");
    expect(one([mentor("neighbour", ["math"], ["math.a"], { municipalityId: "m2" }), mentor("home", ["math"], ["math.a"])])).toBe("home");
  });

  it("matches more teachers than greedy where a cheap early pair would take the only mentor of another", () => {
    // a's cheapest mentor is x; b (in m3, bordering m1 only) can have only x. Greedy pairs a–x and leaves
    // b alone; the optimum pairs a–y and b–x.
    const trap = instance(
      [mentee("a", { math: ["math.a", "math.b"] }, { lowResults: true }), mentee("b", { math: ["math.a"] }, { municipalityId: "m3" })],
      [mentor("x", ["math"], ["math.a", "math.b"], { capacity: 1 }), mentor("y", ["math"], ["math.a"], { capacity: 1, municipalityId: "m2" })],
      [["m1", "m2"], ["m1", "m3"]],
    );
    expect(matchGreedy(trap).matched).toBe(1);
    expect(pairsOf(matchMentors(trap))).toEqual({ a: "y", b: "x" });
  });

  it("finds a cheaper set of as many pairs as greedy when greedy's first choice blocks a better exchange", () => {
    // a–x 180, b–x 180, a–y 184, b–y 204: greedy takes a–x, then b–y (384); the optimum a–y, b–x (364).
    const swap = instance(
      [mentee("a", { math: ["math.1", "math.2", "math.3"] }), mentee("b", { math: ["math.1", "math.4", "math.5"] })],
      [mentor("x", ["math"], ["math.1", "math.2", "math.3", "math.4", "math.5"], { capacity: 1 }), mentor("y", ["math"], ["math.1", "math.2", "math.3"], { capacity: 1, highResults: false })],
    );
    const greedy = matchGreedy(swap), best = matchMentors(swap);
    expect([greedy.matched, greedy.totalCost]).toEqual([2, 384]);
    expect([best.matched, best.totalCost]).toEqual([2, 364]);
    expect(pairsOf(best)).toEqual({ a: "y", b: "x" });
    expect(bruteForce(swap)).toEqual({ matched: 2, cost: 364 });
  });
});

describe("reasons in words", () => {
  const titles = new Map([["math.a", "Уравнения"], ["math.b", "Планиметрия"], ["math.c", "Функции"]]);
  it("name the subject, the school, the place and what the mentor has mastered", () => {
    const text = pairReason({
      facts: { subject: "math", deficits: ["math.a", "math.b", "math.c"], covered: ["math.a", "math.b"], geo: "same", cost: 0 },
      mentorSchool: { name: "СОШ № 5", highResults: true }, mentorMunicipality: "Первый район", mentee: { lowResults: true, unfavourable: false }, titles,
    });
    expect(text).toBe("Учитель математики, СОШ № 5 (школа с высокими результатами), тот же муниципалитет; освоил 2 из 3 дефицитных тем наставляемого по математике: «Уравнения», «Планиметрия». Приоритет: школа с низкими результатами.");
  });

  it("name a neighbouring municipality and count many topics without listing them all", () => {
    const ids = Array.from({ length: 7 }, (_, i) => `math.${i}`);
    const text = pairReason({
      facts: { subject: "physics", deficits: ids, covered: ids.slice(0, 6), geo: "neighbour", cost: 0 },
      mentorSchool: { name: "Лицей", highResults: false }, mentorMunicipality: "Второй район", mentee: { lowResults: false, unfavourable: false }, titles,
    });
    expect(text).toMatch(/^Учитель физики, Лицей, соседний муниципалитет \(Второй район\); освоил 6 из 7 дефицитных тем наставляемого по физике: .* и ещё 2\.$/);
  });

  it("explain every cause of a teacher left without a mentor", () => {
    expect(unmatchedReason("none_nearby", ["math", "physics"], 0)).toMatch(/по математике и по физике.*соседних/);
    expect(unmatchedReason("none_proficient", ["math"], 0)).toMatch(/не освоил/);
    expect(unmatchedReason("all_full", ["math"], 1)).toMatch(/^Единственный подходящий наставник занят/);
    expect(unmatchedReason("all_full", ["math"], 5)).toMatch(/^Все 5 подходящих наставников заняты/);
  });
});

// ---- Optimality: brute force on tiny instances, an LP (totally unimodular, so exact) on small ones ----

const SUBJECTS = ["math", "physics", "russian"] as const;
const TOPICS = (s: string) => [`${s}.1`, `${s}.2`, `${s}.3`, "method.1", "method.2"];
const PLACES = ["m1", "m2", "m3", "m4"];

const instanceArb = (maxMentees: number, maxMentors: number) => fc.record({
  mentees: fc.array(fc.record({
    municipalityId: fc.constantFrom(...PLACES), lowResults: fc.boolean(), unfavourable: fc.boolean(),
    deficits: fc.dictionary(fc.constantFrom(...SUBJECTS), fc.subarray(TOPICS("x")), { maxKeys: 2 }),
  }), { maxLength: maxMentees }),
  mentors: fc.array(fc.record({
    municipalityId: fc.constantFrom(...PLACES), highResults: fc.boolean(), capacity: fc.integer({ min: 0, max: 3 }),
    subjects: fc.subarray([...SUBJECTS], { minLength: 1 }), proficient: fc.subarray([...TOPICS("math"), ...TOPICS("physics"), ...TOPICS("russian")]),
  }), { maxLength: maxMentors }),
  neighbours: fc.subarray([["m1", "m2"], ["m2", "m3"], ["m3", "m4"], ["m1", "m4"]] as Array<[string, string]>),
  overlap: fc.boolean(),
}).map(({ mentees, mentors, neighbours, overlap }): MatchingInstance => ({
  mentees: mentees.map((m, i) => ({
    id: `e${i}`, schoolId: null, ...m,
    // The generic "x" topics become the subject's own, so that deficits and mastery can meet.
    deficits: Object.fromEntries(Object.entries(m.deficits).map(([s, ids]) => [s, ids.map((id) => id.replace(/^x\./, `${s}.`))])),
  })),
  // With overlap, the first mentor is also the first mentee: a person is never their own mentor.
  mentors: mentors.map((m, j) => ({ id: overlap && j === 0 ? "e0" : `r${j}`, schoolId: null, ...m })),
  neighbours,
}));

/** Every way to give each mentee one of their edges or none, within capacities: the best by (most pairs, least cost). */
function bruteForce(inst: MatchingInstance, distance: "neighbours" | "any" = "neighbours") {
  const edges = buildEdges(inst, distance);
  const byMentee = inst.mentees.map((_, i) => Array.from({ length: edges.count }, (_, e) => e).filter((e) => edges.mentee[e] === i));
  const load = new Array(inst.mentors.length).fill(0);
  let best = { matched: 0, cost: 0 };
  const walk = (i: number, matched: number, cost: number) => {
    if (i === inst.mentees.length) {
      if (matched > best.matched || (matched === best.matched && cost < best.cost)) best = { matched, cost };
      return;
    }
    walk(i + 1, matched, cost);
    for (const e of byMentee[i]!) {
      const j = edges.mentor[e]!;
      if (load[j] >= inst.mentors[j]!.capacity) continue;
      load[j]++;
      walk(i + 1, matched + 1, cost + edges.cost[e]!);
      load[j]--;
    }
  };
  walk(0, 0, 0);
  return best;
}

/** The LP of the capacitated assignment; a big reward per pair makes "most pairs, then least cost" one objective. */
function lpOptimum(p: AssignmentProblem, maxCost: number) {
  if (p.edges.count === 0) return { matched: 0, cost: 0 };
  const reward = (p.left + 1) * (maxCost + 1) + 1;
  const x = (e: number) => `x${e}`;
  const objective = Array.from({ length: p.edges.count }, (_, e) => `${p.edges.cost[e]! - reward >= 0 ? "+" : "-"} ${Math.abs(p.edges.cost[e]! - reward)} ${x(e)}`).join(" ");
  const rows: string[] = [];
  const group = (n: number, key: (e: number) => number, bound: (k: number) => number, name: string) => {
    for (let k = 0; k < n; k++) {
      const terms = Array.from({ length: p.edges.count }, (_, e) => e).filter((e) => key(e) === k).map(x);
      if (terms.length) rows.push(` ${name}${k}: ${terms.join(" + ")} <= ${bound(k)}`);
    }
  };
  group(p.left, (e) => p.edges.mentee[e]!, () => 1, "l");
  group(p.right, (e) => p.edges.mentor[e]!, (k) => Math.max(0, p.capacity[k]!), "r");
  const bounds = Array.from({ length: p.edges.count }, (_, e) => ` 0 <= ${x(e)} <= 1`);
  const lp = `Minimize\n obj: ${objective}\nSubject To\n${rows.join("\n")}\nBounds\n${bounds.join("\n")}\nEnd\n`;
  const solution = highs.solve(lp);
  expect(solution.Status).toBe("Optimal");
  const matched = Math.round(Object.values(solution.Columns).reduce((s, c) => s + (c as { Primal: number }).Primal, 0));
  return { matched, cost: Math.round(solution.ObjectiveValue + reward * matched) };
}

function checkValid(inst: MatchingInstance, out: MatchOutcome, distance: "neighbours" | "any") {
  const mentees = new Map(inst.mentees.map((m) => [m.id, m]));
  const mentors = new Map(inst.mentors.map((m) => [m.id, m]));
  const neighbours = neighbourMap(inst.neighbours);
  const load = new Map<string, number>();
  expect(new Set(out.pairs.map((p) => p.menteeId)).size).toBe(out.pairs.length);
  for (const p of out.pairs) {
    const e = mentees.get(p.menteeId)!, r = mentors.get(p.mentorId)!;
    expect(p.menteeId).not.toBe(p.mentorId);
    expect(r.subjects).toContain(p.facts.subject);
    expect(e.deficits[p.facts.subject]!.length).toBeGreaterThan(0);
    expect(p.facts.covered.length).toBeGreaterThan(0);
    for (const c of p.facts.covered) expect(r.proficient).toContain(c);
    if (distance === "neighbours") expect(geoOf(e.municipalityId, r.municipalityId, neighbours)).not.toBe("other");
    load.set(r.id, (load.get(r.id) ?? 0) + 1);
  }
  for (const [id, n] of load) expect(n).toBeLessThanOrEqual(mentors.get(id)!.capacity);
  const matched = new Set(out.pairs.map((p) => p.menteeId));
  for (const u of out.unmatched) expect(matched.has(u.menteeId)).toBe(false);
}

describe("optimality", () => {
  it("equals brute force on tiny instances, and is never worse than greedy", () => {
    fc.assert(fc.property(instanceArb(6, 4), fc.constantFrom("neighbours" as const, "any" as const), (inst, distance) => {
      const best = matchMentors(inst, { distance }), greedy = matchGreedy(inst, { distance });
      checkValid(inst, best, distance);
      checkValid(inst, greedy, distance);
      expect({ matched: best.matched, cost: best.totalCost }).toEqual(bruteForce(inst, distance));
      expect(best.matched).toBeGreaterThanOrEqual(greedy.matched);
      if (best.matched === greedy.matched) expect(best.totalCost).toBeLessThanOrEqual(greedy.totalCost);
    }), { numRuns: 300 });
  });

  it("equals the LP optimum on small instances", () => {
    fc.assert(fc.property(instanceArb(30, 10), (inst) => {
      const best = matchMentors(inst);
      const edges = buildEdges(inst, "neighbours");
      const lp = lpOptimum({ left: inst.mentees.length, right: inst.mentors.length, capacity: inst.mentors.map((m) => m.capacity), edges }, MAX_PAIR_COST);
      expect({ matched: best.matched, cost: best.totalCost }).toEqual(lp);
    }), { numRuns: 120 });
  });

  it("the solver is exact for any non-negative integer costs, not only the model's (LP check)", () => {
    const problem = fc.record({ left: fc.integer({ min: 1, max: 25 }), right: fc.integer({ min: 1, max: 8 }) }).chain(({ left, right }) => fc.record({
      capacity: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: right, maxLength: right }),
      pairs: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: left - 1 }), fc.integer({ min: 0, max: right - 1 })), { maxLength: left * right, selector: ([a, b]) => `${a}|${b}` }),
      costs: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: left * right, maxLength: left * right }),
    }).map(({ capacity, pairs, costs }): AssignmentProblem => ({
      left, right, capacity,
      edges: { count: pairs.length, mentee: pairs.map((p) => p[0]), mentor: pairs.map((p) => p[1]), cost: pairs.map((_, k) => costs[k]!) },
    })));
    fc.assert(fc.property(problem, (p) => {
      const solved = solveAssignment(p);
      expect({ matched: solved.matched, cost: solved.cost }).toEqual(lpOptimum(p, 50));
      const load = new Array(p.right).fill(0);
      for (const e of solved.chosen) if (e >= 0) load[p.edges.mentor[e]!]++;
      load.forEach((n, j) => expect(n).toBeLessThanOrEqual(p.capacity[j]!));
    }), { numRuns: 150 });
  });

  it("gives the same pairs for the same input", () => {
    fc.assert(fc.property(instanceArb(20, 8), (inst) => {
      expect(pairsOf(matchMentors(inst))).toEqual(pairsOf(matchMentors(inst)));
    }), { numRuns: 50 });
  });

  it("rejects negative or fractional costs instead of answering wrongly", () => {
    const edges = { count: 1, mentee: [0], mentor: [0], cost: [-1] };
    expect(() => solveAssignment({ left: 1, right: 1, capacity: [1], edges })).toThrow(/non-negative integers/);
    expect(() => solveAssignment({ left: 1, right: 1, capacity: [1], edges: { ...edges, cost: [0.5] } })).toThrow(/non-negative integers/);
  });
});
