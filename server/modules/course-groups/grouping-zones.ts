// Geography of a proposal: municipalities merged into zones whose head counts split into allowed group sizes. Pure.
import { componentsOf, coverable, type NeighbourMap } from "./grouping-model.js";
import { chainOrder } from "./grouping-plan.js";

export interface Zone {
  /** The zone's municipalities in chain order: groups take consecutive runs of this chain. */
  municipalities: string[];
  size: number;
}

interface Draft { municipalities: string[]; size: number; adjacent: Set<number>; key: string; alive: boolean }

/** Zones of up to this many municipalities are re-split exactly (3^12 subset pairs at most). */
const EXACT_SPLIT = 12;

/**
 * Every extra municipality in a group costs, so the aim is as many zones as possible, each with a
 * head count that splits into allowed sizes. First a greedy merge: the smallest zone that does not
 * split is merged with a bordering zone (any zone if none borders it), preferably another zone that
 * does not split either and together do (one merge fixes two), then the one that brings it closest
 * to the minimum, then one that makes it split; ties to the smaller result. Then each merged zone
 * is re-split, exactly, into the most connected pieces that split on their own (greedy merging can
 * overshoot: 14 + 13 = 27 does not split into 15–25, and picks up a third municipality it did not need).
 */
export function buildZones(counts: ReadonlyMap<string, number>, neighbours: NeighbourMap, min: number, max: number): Zone[] {
  const ids = [...counts.keys()].filter((m) => (counts.get(m) ?? 0) > 0).sort();
  const index = new Map(ids.map((m, i) => [m, i]));
  const zones: Draft[] = ids.map((m) => ({ municipalities: [m], size: counts.get(m)!, adjacent: new Set<number>(), key: m, alive: true }));
  ids.forEach((m, i) => {
    for (const n of neighbours.get(m) ?? []) {
      const j = index.get(n);
      if (j !== undefined && j !== i) zones[i]!.adjacent.add(j);
    }
  });
  let alive = zones.length;
  const fits = (n: number) => coverable(n, min, max);

  while (alive > 1) {
    let pick = -1;
    zones.forEach((z, i) => {
      if (!z.alive || fits(z.size)) return;
      const best = zones[pick];
      if (!best || z.size < best.size || (z.size === best.size && z.key < best.key)) pick = i;
    });
    if (pick < 0) break;
    const zone = zones[pick]!;
    let partners = [...zone.adjacent].filter((j) => zones[j]!.alive);
    if (!partners.length) partners = zones.flatMap((z, j) => (z.alive && j !== pick ? [j] : []));
    const rank = (j: number): [number, number, string] => {
      const other = zones[j]!;
      const merged = zone.size + other.size;
      const deficient = !fits(other.size);
      if (fits(merged) && deficient) return [0, merged, other.key];
      if (deficient && merged < min) return [1, -merged, other.key];
      if (fits(merged)) return [2, merged, other.key];
      return [deficient ? 3 : 4, merged, other.key];
    };
    const partner = partners.map((j) => ({ j, r: rank(j) })).sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || (a.r[2] < b.r[2] ? -1 : 1))[0]!.j;
    const other = zones[partner]!;
    zone.municipalities.push(...other.municipalities);
    zone.size += other.size;
    zone.key = zone.key < other.key ? zone.key : other.key;
    for (const j of other.adjacent) {
      const z = zones[j]!;
      z.adjacent.delete(partner);
      if (j !== pick) { z.adjacent.add(pick); zone.adjacent.add(j); }
    }
    zone.adjacent.delete(pick);
    zone.adjacent.delete(partner);
    other.alive = false;
    alive--;
  }
  return zones.filter((z) => z.alive)
    .flatMap((z) => splitExactly(z.municipalities, counts, neighbours, min, max))
    .map((municipalities) => ({ municipalities: chainOrder(municipalities, counts, neighbours), size: municipalities.reduce((s, m) => s + counts.get(m)!, 0) }))
    .sort((a, b) => (a.municipalities[0]! < b.municipalities[0]! ? -1 : 1));
}

/**
 * The most pieces a zone's municipalities can be split into, each piece splitting into allowed
 * sizes and (when the zone hangs together) connected: dynamic programming over subsets, the piece
 * holding the lowest remaining municipality chosen each time. Zones too large or not splittable
 * stay whole.
 */
export function splitExactly(municipalities: readonly string[], counts: ReadonlyMap<string, number>, neighbours: NeighbourMap, min: number, max: number): string[][] {
  const c = municipalities.length;
  if (c < 2 || c > EXACT_SPLIT) return [[...municipalities]];
  const full = (1 << c) - 1;
  const sum = new Int32Array(full + 1);
  for (let mask = 1; mask <= full; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    sum[mask] = sum[mask & (mask - 1)]! + counts.get(municipalities[low]!)!;
  }
  const needConnected = componentsOf(municipalities, neighbours) === 1;
  const connected = (mask: number) => {
    if (!needConnected) return true;
    const members: string[] = [];
    for (let i = 0; i < c; i++) if (mask & (1 << i)) members.push(municipalities[i]!);
    return componentsOf(members, neighbours) === 1;
  };
  const pieceOk = new Int8Array(full + 1).fill(-1);
  const ok = (mask: number) => {
    if (pieceOk[mask] === -1) pieceOk[mask] = coverable(sum[mask]!, min, max) && connected(mask) ? 1 : 0;
    return pieceOk[mask] === 1;
  };
  const best = new Int32Array(full + 1).fill(-1);
  const choice = new Int32Array(full + 1);
  best[0] = 0;
  for (let mask = 1; mask <= full; mask++) {
    const low = mask & -mask;
    const rest = mask ^ low;
    // Every piece containing the lowest municipality: low plus any subset of the rest.
    for (let sub = rest; ; sub = (sub - 1) & rest) {
      const piece = sub | low;
      const after = best[mask ^ piece]!;
      if (after >= 0 && after + 1 > best[mask]! && ok(piece)) { best[mask] = after + 1; choice[mask] = piece; }
      if (sub === 0) break;
    }
  }
  if (best[full]! <= 1) return [[...municipalities]];
  const pieces: string[][] = [];
  for (let mask = full; mask; mask ^= choice[mask]!) {
    const piece: string[] = [];
    for (let i = 0; i < c; i++) if (choice[mask]! & (1 << i)) piece.push(municipalities[i]!);
    pieces.push(piece);
  }
  return pieces;
}
