// Mentor matching, pure: the largest set of pairs within every mentor's free places, cheapest among those.
import { buildEdges, neighbourMap, pairFacts, type Distance, type Edges, type MatchingInstance, type PairFacts } from "./matching-model.js";
import { solveAssignment } from "./min-cost-flow.js";

export type UnmatchedCause = "no_mentor_of_subject" | "none_nearby" | "none_proficient" | "all_full";

export interface ProposedPair { menteeId: string; mentorId: string; facts: PairFacts }
export interface UnmatchedMentee {
  menteeId: string;
  cause: UnmatchedCause;
  /** The subjects of the mentee's deficits, in the order of the input. */
  subjects: string[];
  /** Mentors who could have helped but have no place left (cause "all_full"). */
  candidates: number;
}

export interface MatchOutcome {
  pairs: ProposedPair[];
  unmatched: UnmatchedMentee[];
  matched: number;
  /** Sum of the pairs' costs (see WEIGHTS); compare only between outcomes with as many pairs. */
  totalCost: number;
  edges: number;
  phases: number;
  elapsedMs: number;
}

export interface MatchOptions { distance?: Distance }

/**
 * The optimal proposal: first as many pairs as the free places and the admissible pairs allow, then
 * the least total cost among all such sets of pairs (exact; see min-cost-flow.ts).
 */
export function matchMentors(instance: MatchingInstance, options: MatchOptions = {}): MatchOutcome {
  const began = performance.now();
  const distance = options.distance ?? "neighbours";
  const all = buildEdges(instance, distance, true);
  const open = openEdges(all, instance);
  const solution = solveAssignment({
    left: instance.mentees.length, right: instance.mentors.length,
    capacity: instance.mentors.map((m) => m.capacity), edges: open,
  });
  const chosen = Array.from(solution.chosen, (e) => (e < 0 ? -1 : open.index[e]!));
  return assemble(instance, distance, all, chosen, solution.phases, began);
}

/** The edges to mentors with a free place, with their positions in the full list. */
export function openEdges(all: Edges, instance: MatchingInstance) {
  const index: number[] = [];
  for (let e = 0; e < all.count; e++) if (instance.mentors[all.mentor[e]!]!.capacity > 0) index.push(e);
  const pick = (a: Int32Array) => Int32Array.from(index, (e) => a[e]!);
  return { count: index.length, mentee: pick(all.mentee), mentor: pick(all.mentor), cost: pick(all.cost), index: Int32Array.from(index) };
}

/** Turns the chosen edges (one per mentee, −1 for none) into pairs with their facts, and explains the rest. */
export function assemble(instance: MatchingInstance, distance: Distance, all: Edges, chosen: ArrayLike<number>, phases: number, began: number): MatchOutcome {
  const neighbours = neighbourMap(instance.neighbours);
  const pairs: ProposedPair[] = [];
  const unmatched: UnmatchedMentee[] = [];
  const candidateCount = new Int32Array(instance.mentees.length);
  for (let e = 0; e < all.count; e++) candidateCount[all.mentee[e]!]!++;
  const explain = explainer(instance, distance, neighbours);
  let totalCost = 0;
  instance.mentees.forEach((mentee, i) => {
    const e = chosen[i]!;
    if (e >= 0) {
      const mentor = instance.mentors[all.mentor[e]!]!;
      const facts = pairFacts(mentee, mentor, all.subjects[all.subject[e]!]!, neighbours);
      totalCost += facts.cost;
      pairs.push({ menteeId: mentee.id, mentorId: mentor.id, facts });
    } else {
      const subjects = Object.keys(mentee.deficits).filter((s) => mentee.deficits[s]!.length > 0);
      if (!subjects.length) return; // nothing to mentor: not a mentee at all
      const cause = candidateCount[i]! > 0 ? "all_full" : explain(mentee, subjects);
      unmatched.push({ menteeId: mentee.id, cause, subjects, candidates: candidateCount[i]! });
    }
  });
  return { pairs, unmatched, matched: pairs.length, totalCost, edges: all.count, phases, elapsedMs: performance.now() - began };
}

/** Why a mentee with no admissible mentor at all has none: no mentor of the subject, none nearby, or none has mastered the deficits. */
function explainer(instance: MatchingInstance, distance: Distance, neighbours: Map<string, Set<string>>) {
  const places = new Map<string, Set<string>>(); // subject → municipalities with a mentor of it
  for (const m of instance.mentors) {
    for (const s of m.subjects) (places.get(s) ?? places.set(s, new Set()).get(s)!).add(m.municipalityId ?? "");
  }
  return (mentee: MatchingInstance["mentees"][number], subjects: string[]): UnmatchedCause => {
    const taught = subjects.filter((s) => places.has(s));
    if (!taught.length) return "no_mentor_of_subject";
    if (distance === "any") return "none_proficient";
    const home = mentee.municipalityId;
    const near = home === null ? [] : [home, ...(neighbours.get(home) ?? [])];
    return taught.some((s) => near.some((place) => places.get(s)!.has(place))) ? "none_proficient" : "none_nearby";
  };
}
