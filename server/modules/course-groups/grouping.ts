// Course groups from deficit profiles: who is placed, zones by geography, seeded assignment, local search. Pure.
import {
  Dissimilarity, evaluate, selectPlaced, weightsFor,
  type Evaluation, type GroupingCandidate, type GroupingParams, type LeftOutReason, type NeighbourMap, type Weights,
} from "./grouping-model.js";
import { greedyGroups } from "./grouping-greedy.js";
import { improveGroups } from "./grouping-search.js";
import { groupCounts, planZone, type PlannedGroup } from "./grouping-plan.js";
import { buildZones } from "./grouping-zones.js";

export interface GroupingResult {
  /** Groups as indices into the candidates given; members sorted, groups in chain order of their zones. */
  groups: number[][];
  left: Array<{ index: number; reason: LeftOutReason }>;
  /** Indices of everyone placed (the people the bound is about). */
  placed: number[];
  evaluation: Evaluation;
  weights: Weights;
  zones: number;
  passes: number;
  /** "baseline" when the plain greedy, locally improved, beat the zone construction (rare; see docs). */
  construction: "zones" | "baseline";
}

/** Zones needing up to this many groups also try one group more (beyond, the difference is slight). */
const TRY_MORE_GROUPS = 6;
/** Above this many people, a winning baseline is kept as it is (its search would look at every pair). */
const BASELINE_SEARCH_LIMIT = 3000;

/**
 * Proposes groups. Deterministic: the same candidates (in any order) give the same groups.
 * 1. Placed: the first `seats` in priority order, trimmed so their number splits into allowed sizes.
 * 2. Zones: municipalities merged with neighbours until each zone's head count splits (grouping-zones).
 * 3. Each zone's chain is cut into k groups by dynamic programming, least geography cost (the fewest
 *    groups the sizes allow and one more are both tried; the lower J wins, the fewer groups on a tie).
 * 4. People fill their municipality's places: farthest-point seeds, then by regret to the seeds.
 * 5. Local search moves and swaps people between the zone's groups while J = D + geography falls.
 * 6. If the plain greedy baseline scores better, it is locally improved and returned instead.
 */
export function proposeGroups(candidates: readonly GroupingCandidate[], params: GroupingParams, neighbours: NeighbourMap): GroupingResult {
  validateParams(params);
  // Sorting by id first makes the result independent of the order the candidates came in.
  const order = candidates.map((_, i) => i).sort((a, b) => (candidates[a]!.id < candidates[b]!.id ? -1 : 1));
  const people = order.map((i) => candidates[i]!);
  const w = weightsFor(params);
  const dis = new Dissimilarity(people.map((p) => p.deficits));
  const { placed, left } = selectPlaced(people, params);
  const byMunicipality = new Map<string, number[]>();
  for (const i of placed) {
    const m = people[i]!.municipalityId;
    const list = byMunicipality.get(m);
    if (list) list.push(i); else byMunicipality.set(m, [i]);
  }
  const counts = new Map([...byMunicipality].map(([m, list]) => [m, list.length]));
  const zones = placed.length ? buildZones(counts, neighbours, params.minSize, params.maxSize) : [];
  const groups: number[][] = [];
  let passes = 0;
  for (const zone of zones) {
    // The fewest groups, and one more when the sizes allow: smaller groups may be more alike.
    let best: { groups: number[][]; j: number } | null = null;
    const options = groupCounts(zone.size, params.minSize, params.maxSize);
    for (const k of options.slice(0, options[0]! <= TRY_MORE_GROUPS ? 2 : 1)) {
      const plan = planZone(zone, counts, neighbours, params.minSize, params.maxSize, w, k);
      const zoneGroups = fillZone(plan, byMunicipality, people, dis);
      passes = Math.max(passes, improveGroups(zoneGroups, people, dis, neighbours, w, params));
      const j = evaluate(zoneGroups, people, dis, neighbours, w).objective;
      if (!best || j < best.j - 1e-9) best = { groups: zoneGroups, j };
    }
    groups.push(...best!.groups);
  }
  let evaluation = evaluate(groups, people, dis, neighbours, w);
  // The baseline is cheap: where it happens to do better (small, sparsely bordered inputs), it is
  // improved by the same local search and kept, so a proposal is never worse than it.
  let construction: GroupingResult["construction"] = "zones";
  const baseline = greedyGroups(people, params, neighbours);
  if (baseline.evaluation.objective < evaluation.objective - 1e-9) {
    const improved = baseline.groups.map((g) => [...g]);
    if (placed.length <= BASELINE_SEARCH_LIMIT) improveGroups(improved, people, dis, neighbours, w, params);
    groups.splice(0, groups.length, ...improved);
    evaluation = evaluate(groups, people, dis, neighbours, w);
    construction = "baseline";
  }
  const back = (i: number) => order[i]!;
  return {
    groups: groups.map((g) => g.map(back).sort((a, b) => a - b)),
    left: left.map((l) => ({ index: back(l.index), reason: l.reason })),
    placed: placed.map(back).sort((a, b) => a - b),
    evaluation, weights: w, zones: zones.length, passes, construction,
  };
}

export function validateParams(p: GroupingParams): void {
  if (!Number.isInteger(p.minSize) || !Number.isInteger(p.maxSize) || p.minSize < 1 || p.minSize > p.maxSize) {
    throw new RangeError(`group sizes must satisfy 1 ≤ min ≤ max (got ${p.minSize}–${p.maxSize})`);
  }
  if (p.seats !== undefined && (!Number.isInteger(p.seats) || p.seats < 0)) throw new RangeError("seats must be a whole number ≥ 0");
}

/**
 * Fills a zone's planned places with its people. Each group gets a seed from the municipality
 * holding most of its places: the one with the most deficits first, then each next seed as far as
 * possible from the seeds so far, so groups start from different profiles. Everyone else goes, in
 * order of regret (how much worse their second-best seed is), to the nearest seed with a place
 * left for their municipality.
 */
function fillZone(plan: PlannedGroup[], byMunicipality: ReadonlyMap<string, number[]>, people: readonly GroupingCandidate[], dis: Dissimilarity): number[][] {
  const groups: number[][] = plan.map(() => []);
  const places = plan.map((g) => new Map(g.slots));
  const waiting = new Map<string, number[]>();
  for (const g of plan) for (const [m] of g.slots) if (!waiting.has(m)) waiting.set(m, [...(byMunicipality.get(m) ?? [])]);
  const seeds: number[] = [];

  plan.forEach((g, gi) => {
    const [m] = [...g.slots].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]!;
    const pool = waiting.get(m)!;
    let pick = 0;
    if (!seeds.length) {
      pool.forEach((p, i) => { if (people[p]!.deficits.length > people[pool[pick]!]!.deficits.length) pick = i; });
    } else {
      let far = -1;
      pool.forEach((p, i) => {
        const nearest = Math.min(...seeds.map((s) => dis.between(p, s)));
        if (nearest > far) { far = nearest; pick = i; }
      });
    }
    const seed = pool.splice(pick, 1)[0]!;
    seeds[gi] = seed;
    groups[gi]!.push(seed);
    places[gi]!.set(m, places[gi]!.get(m)! - 1);
  });

  for (const [m, pool] of waiting) {
    const targets = plan.map((_, gi) => gi).filter((gi) => (places[gi]!.get(m) ?? 0) > 0);
    const ranked = pool.map((p) => {
      const d = targets.map((gi) => dis.between(p, seeds[gi]!)).sort((x, y) => x - y);
      return { p, regret: (d[1] ?? d[0] ?? 0) - (d[0] ?? 0) };
    }).sort((x, y) => y.regret - x.regret || x.p - y.p);
    for (const { p } of ranked) {
      let best = -1;
      for (const gi of targets) {
        if ((places[gi]!.get(m) ?? 0) <= 0) continue;
        if (best < 0 || dis.between(p, seeds[gi]!) < dis.between(p, seeds[best]!)) best = gi;
      }
      groups[best]!.push(p);
      places[best]!.set(m, places[best]!.get(m)! - 1);
    }
  }
  return groups;
}
