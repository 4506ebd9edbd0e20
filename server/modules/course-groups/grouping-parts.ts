// How many "parts" (sets of municipalities sharing groups) a proposal can have at most: the geography half of the bound. Pure.
import { coverable, type NeighbourMap } from "./grouping-model.js";

/**
 * The most parts a set of municipality head counts can form, each part's total splitting into
 * allowed sizes, bounded by counting. A municipality that splits on its own (C) may stay alone;
 * one that does not (D) needs partners. A part lending a member of C to members of D gains at most
 * the one part that member would have been alone, so parts ≤ |C| + (parts made of D only), and
 * those have ≥ 2 members and ≥ min people each: ≤ min(⌊people of D / min⌋, ⌊|D| / 2⌋). Never more than ⌊n / min⌋.
 */
export function partsUpperBound(sizes: readonly number[], L: number, U: number): number {
  const short = sizes.filter((s) => !coverable(s, L, U));
  const total = sizes.reduce((a, b) => a + b, 0);
  const shortPeople = short.reduce((a, b) => a + b, 0);
  const alone = sizes.length - short.length;
  return Math.min(alone + Math.min(Math.floor(shortPeople / L), Math.floor(short.length / 2)), Math.floor(total / L));
}

/** Connected pieces of up to this many municipalities that do not split on their own are solved exactly (3^14 steps at most). */
const EXACT_PIECE = 14;

/**
 * The most parts that are connected in the neighbour graph. Every part holding a municipality that
 * splits on its own (C) can be charged to one of those, so connected parts ≤ |C| + the most
 * disjoint connected sets of the others (D) whose head counts split. Such a set lies in one
 * connected piece K of the graph D induces: solved exactly over subsets when K is small, else
 * bounded by min(⌊people of K / min⌋, ⌊|K| / 2⌋) (each set has ≥ 2 members and ≥ min people).
 */
export function connectedPartsUpperBound(counts: ReadonlyMap<string, number>, neighbours: NeighbourMap, L: number, U: number): number {
  const short = [...counts.keys()].filter((m) => !coverable(counts.get(m)!, L, U)).sort();
  const inShort = new Set(short);
  const seen = new Set<string>();
  let pieces = 0;
  for (const start of short) {
    if (seen.has(start)) continue;
    const piece: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const m = stack.pop()!;
      piece.push(m);
      for (const n of neighbours.get(m) ?? []) if (inShort.has(n) && !seen.has(n)) { seen.add(n); stack.push(n); }
    }
    const people = piece.reduce((s, m) => s + counts.get(m)!, 0);
    pieces += piece.length <= EXACT_PIECE ? mostConnectedSets(piece.sort(), counts, neighbours, L, U)
      : Math.min(Math.floor(people / L), Math.floor(piece.length / 2));
  }
  return counts.size - short.length + pieces;
}

/** The most disjoint connected subsets whose head counts split into allowed sizes: dynamic programming over subsets. */
export function mostConnectedSets(municipalities: readonly string[], counts: ReadonlyMap<string, number>, neighbours: NeighbourMap, L: number, U: number): number {
  const c = municipalities.length;
  const full = (1 << c) - 1;
  const adjacent = municipalities.map((m) => municipalities.reduce((mask, n, j) => (neighbours.get(m)?.has(n) ? mask | (1 << j) : mask), 0));
  const sum = new Int32Array(full + 1);
  for (let mask = 1; mask <= full; mask++) sum[mask] = sum[mask & (mask - 1)]! + counts.get(municipalities[31 - Math.clz32(mask & -mask)]!)!;
  const connected = (mask: number) => {
    let reached = mask & -mask, frontier = reached;
    while (frontier) {
      let next = 0;
      for (let f = frontier; f; f &= f - 1) next |= adjacent[31 - Math.clz32(f & -f)]!;
      frontier = next & mask & ~reached;
      reached |= frontier;
    }
    return reached === mask;
  };
  const best = new Int32Array(full + 1);
  for (let mask = 1; mask <= full; mask++) {
    const low = mask & -mask;
    const rest = mask ^ low;
    let value = best[rest]!; // the lowest municipality in no set
    for (let sub = rest; ; sub = (sub - 1) & rest) {
      const piece = sub | low;
      if (best[mask ^ piece]! + 1 > value && coverable(sum[piece]!, L, U) && connected(piece)) value = best[mask ^ piece]! + 1;
      if (sub === 0) break;
    }
    best[mask] = value;
  }
  return best[full]!;
}
