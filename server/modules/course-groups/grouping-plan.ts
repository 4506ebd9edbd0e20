// A zone's groups: its municipalities in chain order, cut into groups of allowed sizes by dynamic programming. Pure.
import { geographyCost, type NeighbourMap, type Weights } from "./grouping-model.js";
import type { Zone } from "./grouping-zones.js";

export interface PlannedGroup {
  size: number;
  /** How many places of the group each municipality fills. */
  slots: Array<[string, number]>;
}

/**
 * A walk through the zone that moves, whenever it can, to a bordering municipality: depth first,
 * starting from the one with the fewest neighbours in the zone and going on to the neighbour with
 * the fewest unvisited neighbours (Warnsdorff's rule, which on map-like graphs tends to find a path
 * through all). Consecutive municipalities then border each other, so a group taking a run of the
 * chain holds municipalities that hang together; only after a dead end does the walk jump back.
 */
export function chainOrder(municipalities: readonly string[], counts: ReadonlyMap<string, number>, neighbours: NeighbourMap): string[] {
  const inZone = new Set(municipalities);
  const rest = new Set(municipalities);
  const around = (m: string) => [...(neighbours.get(m) ?? [])].filter((n) => inZone.has(n));
  const free = (m: string) => around(m).filter((n) => rest.has(n)).length;
  const rank = (degree: (m: string) => number) => (a: string, b: string) =>
    degree(a) - degree(b) || (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1);
  const order: string[] = [];
  while (rest.size) {
    const start = [...rest].sort(rank((m) => around(m).length))[0]!;
    const stack = [start];
    rest.delete(start);
    order.push(start);
    while (stack.length) {
      const next = around(stack.at(-1)!).filter((n) => rest.has(n)).sort(rank(free))[0];
      if (next === undefined) { stack.pop(); continue; }
      rest.delete(next);
      order.push(next);
      stack.push(next);
    }
  }
  return order;
}

/** The numbers of groups a zone of n people may be split into: ⌈n / max⌉ … ⌊n / min⌋ (one group when n < min). */
export function groupCounts(n: number, min: number, max: number): number[] {
  if (n < min) return [1];
  const out: number[] = [];
  for (let k = Math.ceil(n / max); k * min <= n; k++) out.push(k);
  return out;
}

/**
 * Cuts a zone's chain into exactly k groups of allowed sizes by dynamic programming over
 * (position, groups so far): least geography cost first, then the most even sizes. A zone smaller
 * than the minimum (the whole proposal is that small) is one group.
 */
export function planZone(zone: Zone, counts: ReadonlyMap<string, number>, neighbours: NeighbourMap, min: number, max: number, w: Weights, k: number): PlannedGroup[] {
  const chain = zone.municipalities;
  const ends: number[] = [];
  let total = 0;
  for (const m of chain) ends.push((total += counts.get(m) ?? 0));
  const slotsOf = (from: number, to: number): Array<[string, number]> => {
    const slots: Array<[string, number]> = [];
    let start = 0;
    chain.forEach((m, j) => {
      const overlap = Math.min(to, ends[j]!) - Math.max(from, start);
      if (overlap > 0) slots.push([m, overlap]);
      start = ends[j]!;
    });
    return slots;
  };
  if (total < min) return [{ size: total, slots: slotsOf(0, total) }];

  const width = k + 1;
  const cost = new Float64Array((total + 1) * width).fill(Infinity);
  const squares = new Float64Array((total + 1) * width);
  const from = new Int32Array((total + 1) * width).fill(-1);
  cost[0] = 0;
  for (let pos = 0; pos < total; pos++) {
    for (let g = 0; g < k; g++) {
      const here = pos * width + g;
      if (cost[here] === Infinity) continue;
      for (let s = min; s <= max && pos + s <= total; s++) {
        const there = (pos + s) * width + g + 1;
        const c = cost[here]! + geographyCost(slotsOf(pos, pos + s).map(([m]) => m), neighbours, w);
        const q = squares[here]! + s * s;
        if (c < cost[there]! - 1e-9 || (Math.abs(c - cost[there]!) <= 1e-9 && q < squares[there]!)) {
          cost[there] = c; squares[there] = q; from[there] = pos;
        }
      }
    }
  }
  if (from[total * width + k] === -1) throw new Error(`zone of ${total} cannot be split into ${k} groups of ${min}–${max}`);
  const planned: PlannedGroup[] = [];
  for (let to = total, g = k; g > 0; g--) {
    const start = from[to * width + g]!;
    planned.push({ size: to - start, slots: slotsOf(start, to) });
    to = start;
  }
  return planned.reverse();
}
