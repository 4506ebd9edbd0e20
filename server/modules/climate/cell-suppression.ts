// Suppression across several overlapping totals (schools within municipality and region, classes within a school). Pure.

export interface Cell {
  key: string;
  /** Respondents behind the cell's figure; 0 means the cell has no figure at all. */
  n: number;
}

/** A published (or publishable) total: its figure is made of these cells. */
export interface Total { key: string; cells: readonly string[] }

export type HiddenReason = "small" | "complementary";

export interface CellSuppression {
  hidden: Map<string, HiddenReason>;
  /** Totals whose figure may be shown: at or above the threshold, and revealing no hidden cell by subtraction. */
  totalsShown: Set<string>;
  shown(key: string): boolean;
}

/**
 * Decides which cells may show a figure when several totals are published over them (the region's
 * figure and each municipality's over the schools, a school's figure over its classes…).
 *
 * Primary: a cell with fewer than `threshold` respondents is hidden, as is every cell in `forced`
 * (hidden for a reason decided elsewhere, e.g. its parent group is). Complementary: for every total
 * at or above the threshold, the hidden cells within it could be recovered together as the total
 * minus its shown cells, so they must be at least two and hold at least `threshold` respondents
 * together; until they do, the smallest shown cell of that total is hidden too. Hiding a cell may
 * break another total it belongs to, so the rule is applied until nothing changes (it only ever
 * hides more, so it ends). A total that cannot be made safe (no cell left to hide) is not shown.
 * With a single total this is exactly `suppressSmallGroups` of suppression.ts.
 */
export function suppressCells(cells: readonly Cell[], totals: readonly Total[], threshold: number, forced: ReadonlyMap<string, HiddenReason> = new Map()): CellSuppression {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  const n = new Map<string, number>();
  for (const c of cells) if (c.n > 0) n.set(c.key, c.n);
  const hidden = new Map<string, HiddenReason>();
  for (const [key, count] of n) if (count < threshold) hidden.set(key, "small");
  for (const [key, reason] of forced) if (n.has(key) && !hidden.has(key)) hidden.set(key, reason);

  const collator = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const state = totals.map((t) => {
    const present = [...new Set(t.cells)].filter((k) => n.has(k)).sort((a, b) => n.get(a)! - n.get(b)! || collator(a, b));
    return { key: t.key, present, sum: present.reduce((s, k) => s + n.get(k)!, 0), next: 0, safe: true };
  });
  const totalsOf = new Map<string, number[]>();
  state.forEach((t, i) => { for (const k of t.present) (totalsOf.get(k) ?? totalsOf.set(k, []).get(k)!).push(i); });

  const queue = state.map((_, i) => i);
  const queued = new Set(queue);
  while (queue.length) {
    const i = queue.shift()!;
    queued.delete(i);
    const t = state[i]!;
    if (t.sum < threshold) continue;
    let count = 0;
    let sum = 0;
    for (const k of t.present) if (hidden.has(k)) { count++; sum += n.get(k)!; }
    if (count === 0) continue;
    while (count < 2 || sum < threshold) {
      // The smallest cell still shown; hidden ones only accumulate, so the pointer never goes back.
      while (t.next < t.present.length && hidden.has(t.present[t.next]!)) t.next++;
      const k = t.present[t.next];
      if (k === undefined) { t.safe = false; break; }
      hidden.set(k, "complementary");
      count++;
      sum += n.get(k)!;
      for (const j of totalsOf.get(k) ?? []) if (j !== i && !queued.has(j)) { queue.push(j); queued.add(j); }
    }
  }
  const totalsShown = new Set(state.filter((t) => t.sum >= threshold && t.safe).map((t) => t.key));
  return { hidden, totalsShown, shown: (key) => n.has(key) && !hidden.has(key) };
}
