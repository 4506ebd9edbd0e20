// Local search within a zone: moves and swaps of people between its groups while the objective J falls. Pure.
import { geographyCost, type Dissimilarity, type GroupingCandidate, type NeighbourMap, type Weights } from "./grouping-model.js";

const EPS = 1e-9;
/** With more groups than this in a zone, a person is tried only against the groups nearest to their profile. */
const ALL_GROUPS = 12;
const NEAREST_GROUPS = 8;

export interface SearchOptions { minSize: number; maxSize: number; maxPasses?: number }

/**
 * Improves `groups` (lists of indices into `people`) in place. Each pass takes every person and
 * applies the best of: moving them to another group (sizes permitting) or swapping them with
 * someone there, if it lowers J = D + geography. Sums of dissimilarity to every group are kept up
 * to date, so a candidate change is judged in constant time (plus the geography of the two groups
 * when a municipality enters or leaves one). In a zone of many groups (a city) a person is tried
 * against the 8 groups whose members are, on average, most like them. Stops when a pass changes
 * nothing. Returns the passes run.
 */
export function improveGroups(groups: number[][], people: readonly GroupingCandidate[], dis: Dissimilarity, neighbours: NeighbourMap, w: Weights, o: SearchOptions): number {
  const k = groups.length;
  if (k < 2) return 0;
  const members = groups.flat();
  const n = members.length;
  const names = [...new Set(members.map((p) => people[p]!.municipalityId))];
  const nameIndex = new Map(names.map((m, i) => [m, i]));
  const mun = Int32Array.from(members, (p) => nameIndex.get(people[p]!.municipalityId)!);
  const sig = Int32Array.from(members, (p) => dis.sigOf[p]!);
  const groupOf = new Int32Array(n);
  const lists: number[][] = groups.map(() => []);
  let at = 0;
  groups.forEach((g, gi) => g.forEach(() => { groupOf[at] = gi; lists[gi]!.push(at++); }));
  const d = (i: number, j: number) => dis.sig(sig[i]!, sig[j]!);
  // affinity[i*k + g]: Σ of dissimilarities between member i and the members of group g.
  const affinity = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const v = d(i, j);
    affinity[i * k + groupOf[j]!] = affinity[i * k + groupOf[j]!]! + v;
    affinity[j * k + groupOf[i]!] = affinity[j * k + groupOf[i]!]! + v;
  }
  const size = lists.map((l) => l.length);
  const pairSum = lists.map((l, g) => l.reduce((s, i) => s + affinity[i * k + g]!, 0) / 2);
  const counts = lists.map((l) => { const c = new Map<number, number>(); for (const i of l) c.set(mun[i]!, (c.get(mun[i]!) ?? 0) + 1); return c; });
  const memo = new Map<string, number>();
  const costOf = (set: Iterable<number>) => {
    const list = [...set].sort((x, y) => x - y);
    if (list.length <= 1) return 0;
    const key = list.join(",");
    let cost = memo.get(key);
    if (cost === undefined) memo.set(key, (cost = geographyCost(list.map((m) => names[m]!), neighbours, w)));
    return cost;
  };
  const geo = counts.map((c) => costOf(c.keys()));
  const dOf = (sum: number, s: number) => (s >= 2 ? (2 * sum) / (s - 1) : 0);

  /** Geography of group g after one person of `out` leaves and one of `inn` joins (-1: nobody). */
  const geoAfter = (g: number, out: number, inn: number): number => {
    if (out === inn) return geo[g]!;
    const c = counts[g]!;
    const leaves = out >= 0 && c.get(out) === 1;
    const enters = inn >= 0 && !c.has(inn);
    if (!leaves && !enters) return geo[g]!;
    const set = [...c.keys()].filter((m) => !(leaves && m === out));
    if (enters) set.push(inn);
    return costOf(set);
  };
  const shift = (g: number, m: number, by: number) => {
    const c = counts[g]!;
    const v = (c.get(m) ?? 0) + by;
    if (v === 0) c.delete(m); else c.set(m, v);
  };
  const relist = (i: number, from: number, to: number) => {
    const l = lists[from]!;
    l.splice(l.indexOf(i), 1);
    lists[to]!.push(i);
    groupOf[i] = to;
  };
  const everyGroup = Array.from({ length: k }, (_, g) => g);
  const candidatesFor = (i: number): number[] => {
    if (k <= ALL_GROUPS) return everyGroup;
    return [...everyGroup].sort((x, y) => affinity[i * k + x]! / size[x]! - affinity[i * k + y]! / size[y]!).slice(0, NEAREST_GROUPS + 1);
  };

  let passes = 0;
  for (; passes < (o.maxPasses ?? 40); passes++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const g1 = groupOf[i]!;
      const a = mun[i]!;
      const base1 = dOf(pairSum[g1]!, size[g1]!);
      let best = -EPS, bestG2 = -1, bestJ = -1, bestGeo1 = 0, bestGeo2 = 0;
      for (const g2 of candidatesFor(i)) {
        if (g2 === g1) continue;
        const base = base1 + dOf(pairSum[g2]!, size[g2]!) + geo[g1]! + geo[g2]!;
        if (size[g1]! > o.minSize && size[g2]! < o.maxSize) {
          const geo1 = geoAfter(g1, a, -1), geo2 = geoAfter(g2, -1, a);
          const delta = dOf(pairSum[g1]! - affinity[i * k + g1]!, size[g1]! - 1) + dOf(pairSum[g2]! + affinity[i * k + g2]!, size[g2]! + 1) + geo1 + geo2 - base;
          if (delta < best) { best = delta; bestG2 = g2; bestJ = -1; bestGeo1 = geo1; bestGeo2 = geo2; }
        }
        for (const j of lists[g2]!) {
          const dij = d(i, j);
          const w1 = pairSum[g1]! - affinity[i * k + g1]! + affinity[j * k + g1]! - dij;
          const w2 = pairSum[g2]! - affinity[j * k + g2]! + affinity[i * k + g2]! - dij;
          const b = mun[j]!;
          const geo1 = a === b ? geo[g1]! : geoAfter(g1, a, b), geo2 = a === b ? geo[g2]! : geoAfter(g2, b, a);
          const delta = dOf(w1, size[g1]!) + dOf(w2, size[g2]!) + geo1 + geo2 - base;
          if (delta < best) { best = delta; bestG2 = g2; bestJ = j; bestGeo1 = geo1; bestGeo2 = geo2; }
        }
      }
      if (bestG2 < 0) continue;
      changed = true;
      const g2 = bestG2, j = bestJ;
      if (j < 0) {
        pairSum[g1] = pairSum[g1]! - affinity[i * k + g1]!;
        pairSum[g2] = pairSum[g2]! + affinity[i * k + g2]!;
        size[g1] = size[g1]! - 1;
        size[g2] = size[g2]! + 1;
        for (let r = 0; r < n; r++) {
          const v = d(r, i);
          affinity[r * k + g1] = affinity[r * k + g1]! - v;
          affinity[r * k + g2] = affinity[r * k + g2]! + v;
        }
        shift(g1, a, -1); shift(g2, a, +1);
        relist(i, g1, g2);
      } else {
        const dij = d(i, j);
        pairSum[g1] = pairSum[g1]! - affinity[i * k + g1]! + affinity[j * k + g1]! - dij;
        pairSum[g2] = pairSum[g2]! - affinity[j * k + g2]! + affinity[i * k + g2]! - dij;
        for (let r = 0; r < n; r++) {
          const di = d(r, i), dj = d(r, j);
          affinity[r * k + g1] = affinity[r * k + g1]! + dj - di;
          affinity[r * k + g2] = affinity[r * k + g2]! + di - dj;
        }
        const b = mun[j]!;
        shift(g1, a, -1); shift(g1, b, +1); shift(g2, b, -1); shift(g2, a, +1);
        relist(i, g1, g2);
        relist(j, g2, g1);
      }
      geo[g1] = bestGeo1;
      geo[g2] = bestGeo2;
    }
    if (!changed) break;
  }
  lists.forEach((l, g) => { groups[g] = l.map((i) => members[i]!).sort((x, y) => x - y); });
  return passes;
}
