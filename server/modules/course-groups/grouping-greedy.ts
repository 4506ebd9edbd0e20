// The plain greedy baseline the bench and the tests compare grouping against: sort, then cut into even groups. Pure.
import {
  Dissimilarity, evaluate, selectPlaced, weightsFor,
  type Evaluation, type GroupingCandidate, type GroupingParams, type LeftOutReason, type NeighbourMap,
} from "./grouping-model.js";

export interface GreedyResult {
  groups: number[][];
  left: Array<{ index: number; reason: LeftOutReason }>;
  placed: number[];
  evaluation: Evaluation;
}

/**
 * What one would do in a spreadsheet: the same people placed as by grouping (same seats and
 * priority rule), sorted by municipality and, within one, by deficit profile, then cut into the
 * fewest groups the maximum size allows, as even as possible. It keeps municipalities mostly
 * together by accident of the sort and knows nothing of neighbours or of similarity across a cut.
 */
export function greedyGroups(candidates: readonly GroupingCandidate[], params: GroupingParams, neighbours: NeighbourMap): GreedyResult {
  const { placed, left } = selectPlaced(candidates, params);
  const keys = new Map(placed.map((i) => {
    const c = candidates[i]!;
    return [i, `${c.municipalityId}\u0000${[...c.deficits].sort().join(",")}\u0000${c.id}`];
  }));
  const sorted = [...placed].sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0));
  const n = sorted.length;
  const k = n === 0 ? 0 : n < params.minSize ? 1 : Math.ceil(n / params.maxSize);
  const groups: number[][] = [];
  let at = 0;
  for (let g = 0; g < k; g++) {
    // Even sizes: the first n mod k groups take one more.
    const size = Math.floor(n / k) + (g < n % k ? 1 : 0);
    groups.push(sorted.slice(at, at + size).sort((a, b) => a - b));
    at += size;
  }
  const dis = new Dissimilarity(candidates.map((c) => c.deficits));
  return { groups, left, placed: [...placed].sort((a, b) => a - b), evaluation: evaluate(groups, candidates, dis, neighbours, weightsFor(params)) };
}
