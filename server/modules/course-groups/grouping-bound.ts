// A lower bound on the best possible objective for the placed people: how far a proposal can be from the optimum.
import { Dissimilarity, type Evaluation, type GroupingCandidate, type GroupingParams, type NeighbourMap, type Weights } from "./grouping-model.js";
import { connectedPartsUpperBound, partsUpperBound } from "./grouping-parts.js";

export interface GroupingBound {
  /** LB ≤ J* ≤ objective, where J* is the best J over every split of the same people into groups of allowed sizes. */
  lowerBound: number;
  objective: number;
  /** (objective − lowerBound) / objective: the proposal is at most this share worse than the optimum. */
  gap: number;
  /** "exact": fewer people than the minimum, one group is the only arrangement; otherwise the bound below. */
  method: "exact" | "combinatorial";
  /** Geography cost (λ per extra municipality, ν per group of non-neighbours) and extra municipalities (connected-part equivalents). */
  geography: { value: number; lowerBound: number; extraMunicipalities: number; extraMunicipalitiesLowerBound: number };
  dissimilarity: { value: number; lowerBound: number };
}

/**
 * Lower bound for the placed people (indices into `candidates`); docs/course-groups.md has the proof.
 * Geography: municipalities sharing groups form "parts" whose head counts must split into allowed
 * sizes; Σ(municipalities per group − 1) ≥ municipalities − parts, and a part that does not hang
 * together in the neighbour graph has a group that does not either. So the geography is at least
 * λ·(municipalities − the most connected parts possible), bounded in grouping-parts.ts.
 * Similarity: in a group of s ≥ min people, a member's mean dissimilarity is at least the mean of
 * their (min − 1) smallest dissimilarities to the people the group could hold: anyone (global), their
 * municipality (a group within it), or their municipality and one neighbour (a group of the two).
 * The two are joined by spreading a share (1 − θ) of the geography over the members of mixed groups
 * (each gets ≥ λ/max, or ≥ min(2λ, λ + ν)/max in wider groups) and bounding the rest θ as a whole;
 * every θ gives a valid bound and the best on a grid of 41 is kept.
 */
export function groupingBound(candidates: readonly GroupingCandidate[], placed: readonly number[], params: GroupingParams, neighbours: NeighbourMap, evaluation: Evaluation, w: Weights): GroupingBound {
  const { minSize: L, maxSize: U } = params;
  const J = evaluation.objective;
  const people = placed.map((i) => candidates[i]!);
  const n = people.length;
  const result = (lowerBound: number, method: GroupingBound["method"], geoLb: number, sLb: number, dLb: number): GroupingBound => ({
    lowerBound, objective: J, gap: J > 1e-12 ? Math.max(0, (J - lowerBound) / J) : 0, method,
    geography: { value: evaluation.geography, lowerBound: geoLb, extraMunicipalities: evaluation.extraMunicipalities, extraMunicipalitiesLowerBound: sLb },
    dissimilarity: { value: evaluation.dissimilarity, lowerBound: dLb },
  });
  // Fewer people than the minimum: one group is the only arrangement, so it is optimal.
  if (n < L || n === 0) return result(J, "exact", evaluation.geography, evaluation.extraMunicipalities, evaluation.dissimilarity);

  const counts = new Map<string, number>();
  for (const p of people) counts.set(p.municipalityId, (counts.get(p.municipalityId) ?? 0) + 1);
  const sizes = [...counts.keys()].sort().map((m) => counts.get(m)!);
  const parts = partsUpperBound(sizes, L, U);
  const connected = Math.min(parts, connectedPartsUpperBound(counts, neighbours, L, U));
  // Σ(municipalities − 1) ≥ M − parts, and every part that does not hang together has a group that does not either.
  const { municipality: lambda, nonNeighbour: nu } = w;
  const geoLb = lambda * sizes.length - Math.max(0, lambda - nu) * parts - Math.min(lambda, nu) * connected;
  const sLb = sizes.length - connected;

  const dis = new Dissimilarity(people.map((p) => p.deficits));
  const nearest = new Nearest(dis, L - 1);
  const global = nearest.means(countBy(people.map((_, i) => dis.sigOf[i]!)));
  const byMunicipality = new Map<string, number[]>();
  people.forEach((p, i) => { const l = byMunicipality.get(p.municipalityId); if (l) l.push(dis.sigOf[i]!); else byMunicipality.set(p.municipalityId, [dis.sigOf[i]!]); });
  // Per signature and municipality: [global, local, best pair with a neighbour, how many]; Infinity where no such group fits.
  const terms: Array<[number, number, number, number]> = [];
  for (const [m, sigs] of byMunicipality) {
    const within = countBy(sigs);
    const local = sigs.length >= L ? nearest.means(within) : null;
    const pair = new Map<number, number>();
    for (const n of neighbours.get(m) ?? []) {
      const theirs = byMunicipality.get(n);
      if (!theirs || sigs.length + theirs.length < L) continue;
      const both = nearest.means(countBy([...sigs, ...theirs]), within.keys());
      for (const [s, v] of both) pair.set(s, Math.min(pair.get(s) ?? Infinity, v));
    }
    for (const [s, c] of within) terms.push([global.get(s)!, local?.get(s) ?? Infinity, pair.get(s) ?? Infinity, c]);
  }
  const dLb = terms.reduce((sum, [g, , , c]) => sum + g * c, 0);
  // A mixed group of two bordering municipalities costs λ; any other mixed group at least min(2λ, λ + ν).
  const wider = Math.min(2 * w.municipality, w.municipality + w.nonNeighbour);
  let best = 0;
  for (let step = 0; step <= 40; step++) {
    const theta = step / 40;
    const spread = (1 - theta) / U;
    let lb = theta * geoLb;
    for (const [g, l, p, c] of terms) lb += c * Math.min(l, p + spread * w.municipality, g + spread * wider);
    best = Math.max(best, lb);
  }
  return result(best, "combinatorial", geoLb, sLb, dLb);
}

function countBy(sigs: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of sigs) m.set(s, (m.get(s) ?? 0) + 1);
  return m;
}

/**
 * Means of the `take` smallest dissimilarities from a signature to the rest of a multiset of
 * signatures. A small multiset is sorted directly; a large one walks each signature's list of all
 * signatures by distance, computed once per signature and shared by every multiset.
 */
class Nearest {
  private readonly orders = new Map<number, Int32Array>();
  constructor(private readonly dis: Dissimilarity, private readonly take: number) {}

  means(counts: ReadonlyMap<number, number>, only?: Iterable<number>): Map<number, number> {
    const out = new Map<number, number>();
    const sigs = Int32Array.from(counts.keys());
    const many = Int32Array.from(counts.values());
    const walk = sigs.length * Math.log2(sigs.length + 1) > this.dis.signatures;
    const keyed = new Float64Array(sigs.length);
    for (const s of only ?? sigs) {
      if (this.take <= 0) { out.set(s, 0); continue; }
      let left = this.take, sum = 0;
      if (walk) {
        for (const t of this.order(s)) {
          const c = (counts.get(t) ?? 0) - (t === s ? 1 : 0);
          const used = Math.min(left, c);
          if (used > 0) { sum += used * this.dis.sig(s, t); left -= used; if (!left) break; }
        }
      } else {
        // Distance and position packed in one number, so a native numeric sort orders them.
        for (let x = 0; x < sigs.length; x++) keyed[x] = Math.round(this.dis.sig(s, sigs[x]!) * 1e6) * 65536 + x;
        keyed.sort();
        for (const key of keyed) {
          const x = key % 65536;
          const c = many[x]! - (sigs[x] === s ? 1 : 0);
          const used = Math.min(left, c);
          if (used > 0) { sum += used * this.dis.sig(s, sigs[x]!); left -= used; if (!left) break; }
        }
      }
      out.set(s, sum / this.take);
    }
    return out;
  }

  private order(s: number): Int32Array {
    let order = this.orders.get(s);
    if (!order) {
      order = Int32Array.from({ length: this.dis.signatures }, (_, t) => t).sort((x, y) => this.dis.sig(s, x) - this.dis.sig(s, y));
      this.orders.set(s, order);
    }
    return order;
  }
}

/** The bound in words for people: how much worse than the best possible the proposal can be, at most. */
export function boundSummary(b: GroupingBound): string {
  if (b.gap <= 0.0005) return "Предложение оптимально: лучшего разбиения тех же людей по группам не существует (доказано оценкой снизу).";
  const percent = b.gap * 100;
  const shown = percent < 10 ? percent.toFixed(1).replace(".", ",") : String(Math.round(percent));
  return `Предложение не более чем на ${shown}% хуже оптимального разбиения тех же людей (по целевой функции: география, затем сходство дефицитов).`;
}
