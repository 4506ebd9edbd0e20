// The grouping problem's data and objective: candidates, deficit dissimilarity, geography cost, evaluation. Pure.

export interface GroupingCandidate {
  id: string;
  municipalityId: string;
  /** The deficits the course addresses (competency ids). Never empty for a candidate. */
  deficits: readonly string[];
  /** 2: school with low results and unfavourable conditions; 1: one of them; 0: neither. */
  priority: number;
}

export interface GroupingParams {
  minSize: number;
  maxSize: number;
  /** The course run's capacity in people; beyond it, people of lower priority are left out. */
  seats?: number | undefined;
}

/** municipality id → the municipalities it borders (symmetric). */
export type NeighbourMap = ReadonlyMap<string, ReadonlySet<string>>;

export function neighbourMap(pairs: Iterable<readonly [string, string]>): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let set = map.get(a);
    if (!set) map.set(a, (set = new Set()));
    set.add(b);
  };
  for (const [a, b] of pairs) if (a !== b) { link(a, b); link(b, a); }
  return map;
}

/**
 * Weights of the objective J = D + λ·(extra municipalities) + ν·(joins of non-neighbours).
 * λ = maxSize: one more municipality in a group costs as much as a whole group of people with
 * nothing in common, so geography comes first and similarity is decided within it.
 */
export interface Weights { municipality: number; nonNeighbour: number }
export const weightsFor = (p: GroupingParams): Weights => ({ municipality: p.maxSize, nonNeighbour: p.maxSize });

/** Whether n people split into groups of minSize…maxSize: some k with k·min ≤ n ≤ k·max. */
export function coverable(n: number, min: number, max: number): boolean {
  if (n <= 0) return n === 0;
  return Math.ceil(n / max) * min <= n;
}

/**
 * 1 − Jaccard between deficit sets, computed once per pair of distinct deficit sets ("signatures"):
 * a ten-competency course has at most 1,023 of them however many people there are.
 */
export class Dissimilarity {
  readonly sigOf: Int32Array;
  readonly signatures: number;
  private readonly words: Uint32Array[] = [];
  private readonly sizes: number[] = [];
  private readonly matrix: Float64Array | null;

  constructor(deficitSets: ReadonlyArray<readonly string[]>) {
    const bit = new Map<string, number>();
    for (const set of deficitSets) for (const c of set) if (!bit.has(c)) bit.set(c, bit.size);
    const width = Math.max(1, Math.ceil(bit.size / 32));
    const seen = new Map<string, number>();
    this.sigOf = new Int32Array(deficitSets.length);
    deficitSets.forEach((set, i) => {
      const w = new Uint32Array(width);
      for (const c of set) { const b = bit.get(c)!; w[b >>> 5] = (w[b >>> 5] ?? 0) | (1 << (b & 31)); }
      const key = w.join(",");
      let s = seen.get(key);
      if (s === undefined) {
        s = this.words.length;
        seen.set(key, s);
        this.words.push(w);
        this.sizes.push(new Set(set).size);
      }
      this.sigOf[i] = s;
    });
    this.signatures = this.words.length;
    const k = this.signatures;
    this.matrix = k <= 2048 ? new Float64Array(k * k) : null;
    if (this.matrix) for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) this.matrix[a * k + b] = this.matrix[b * k + a] = this.compute(a, b);
  }

  private compute(a: number, b: number): number {
    const wa = this.words[a]!, wb = this.words[b]!;
    let both = 0;
    for (let i = 0; i < wa.length; i++) both += popcount(wa[i]! & wb[i]!);
    const either = this.sizes[a]! + this.sizes[b]! - both;
    return either === 0 ? 0 : 1 - both / either;
  }

  /** Between two signatures. */
  sig(a: number, b: number): number {
    if (a === b) return 0;
    return this.matrix ? this.matrix[a * this.signatures + b]! : this.compute(a, b);
  }

  /** Between two people (indices into the sets given to the constructor). */
  between(i: number, j: number): number {
    return this.sig(this.sigOf[i]!, this.sigOf[j]!);
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Connected pieces of a set of municipalities in the neighbour graph (1 when they all hang together). */
export function componentsOf(municipalities: readonly string[], neighbours: NeighbourMap): number {
  if (municipalities.length <= 1) return municipalities.length;
  const inSet = new Set(municipalities);
  const seen = new Set<string>();
  let pieces = 0;
  for (const start of municipalities) {
    if (seen.has(start)) continue;
    pieces++;
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      for (const n of neighbours.get(stack.pop()!) ?? []) if (inSet.has(n) && !seen.has(n)) { seen.add(n); stack.push(n); }
    }
  }
  return pieces;
}

/** The geography cost of one group's municipalities: λ per extra municipality, ν per extra unconnected piece. */
export function geographyCost(municipalities: readonly string[], neighbours: NeighbourMap, w: Weights): number {
  if (municipalities.length <= 1) return 0;
  return w.municipality * (municipalities.length - 1) + w.nonNeighbour * (componentsOf(municipalities, neighbours) - 1);
}

export interface Evaluation {
  /** J = dissimilarity + geography: what the heuristic minimises. */
  objective: number;
  /** D: Σ over members of the mean dissimilarity (1 − Jaccard) to their groupmates. */
  dissimilarity: number;
  geography: number;
  /** Σ over groups of (municipalities − 1). */
  extraMunicipalities: number;
  /** Groups whose municipalities do not all border one another through the group. */
  nonNeighbourGroups: number;
  /** Mean over members of their mean Jaccard similarity to groupmates (members of one-person groups excluded). */
  meanSimilarity: number;
  perGroupSimilarity: number[];
}

/** Evaluates groups given as lists of indices into `people` (the same indices `dis` was built on). */
export function evaluate(groups: ReadonlyArray<readonly number[]>, people: readonly GroupingCandidate[], dis: Dissimilarity, neighbours: NeighbourMap, w: Weights): Evaluation {
  let dissimilarity = 0, geography = 0, extra = 0, nonNeighbour = 0, paired = 0;
  const perGroupSimilarity: number[] = [];
  for (const g of groups) {
    let pairSum = 0;
    for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) pairSum += dis.between(g[a]!, g[b]!);
    const d = g.length >= 2 ? (2 * pairSum) / (g.length - 1) : 0;
    dissimilarity += d;
    if (g.length >= 2) paired += g.length;
    perGroupSimilarity.push(g.length >= 2 ? 1 - d / g.length : 1);
    const municipalities = [...new Set(g.map((i) => people[i]!.municipalityId))];
    geography += geographyCost(municipalities, neighbours, w);
    extra += Math.max(0, municipalities.length - 1);
    if (componentsOf(municipalities, neighbours) > 1) nonNeighbour++;
  }
  return {
    objective: dissimilarity + geography, dissimilarity, geography, extraMunicipalities: extra, nonNeighbourGroups: nonNeighbour,
    meanSimilarity: paired ? 1 - dissimilarity / paired : 1, perGroupSimilarity,
  };
}

/** Seats go to the highest priority first, then to those with more of the course's deficits; ids break ties. */
export function priorityOrder(people: readonly GroupingCandidate[]): number[] {
  return people.map((_, i) => i).sort((a, b) => {
    const pa = people[a]!, pb = people[b]!;
    return pb.priority - pa.priority || pb.deficits.length - pa.deficits.length || (pa.id < pb.id ? -1 : pa.id > pb.id ? 1 : 0);
  });
}

export type LeftOutReason = "seats" | "sizes";

/**
 * Who is placed: the first `seats` in priority order; then, if that number cannot be split into
 * groups of allowed sizes (26–29 with 15–25), the lowest-priority few are left out. Fewer than
 * minSize people form one smaller group: too few remain for anything else.
 */
export function selectPlaced(people: readonly GroupingCandidate[], p: GroupingParams): { placed: number[]; left: Array<{ index: number; reason: LeftOutReason }> } {
  const order = priorityOrder(people);
  const seats = p.seats === undefined ? order.length : Math.max(0, Math.min(order.length, p.seats));
  let take = seats;
  if (take >= p.minSize) while (!coverable(take, p.minSize, p.maxSize)) take--;
  const left = [
    ...order.slice(take, seats).map((index) => ({ index, reason: "sizes" as const })),
    ...order.slice(seats).map((index) => ({ index, reason: "seats" as const })),
  ];
  return { placed: order.slice(0, take).sort((a, b) => a - b), left };
}
