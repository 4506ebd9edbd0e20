// The greedy baseline the optimal matching is measured against, pure: cheapest admissible pair first.
//
// This is what a careful person does by hand with a sorted list, and the usual heuristic for weighted
// b-matching: take pairs in order of cost while the mentee is free and the mentor has a place. It is
// fast, but an early cheap pair can take the only mentor a later mentee could have had.
import { buildEdges, type MatchingInstance } from "./matching-model.js";
import { assemble, openEdges, type MatchOptions, type MatchOutcome } from "./matching.js";

export function matchGreedy(instance: MatchingInstance, options: MatchOptions = {}): MatchOutcome {
  const began = performance.now();
  const distance = options.distance ?? "neighbours";
  const all = buildEdges(instance, distance, true);
  const open = openEdges(all, instance);
  // Ties by mentee, then mentor, in input order: the same input gives the same pairs.
  const order = Array.from({ length: open.count }, (_, e) => e)
    .sort((a, b) => open.cost[a]! - open.cost[b]! || open.mentee[a]! - open.mentee[b]! || open.mentor[a]! - open.mentor[b]!);
  const places = Int32Array.from(instance.mentors, (m) => Math.max(0, m.capacity));
  const chosen = new Int32Array(instance.mentees.length).fill(-1);
  for (const e of order) {
    const i = open.mentee[e]!, j = open.mentor[e]!;
    if (chosen[i] !== -1 || places[j]! <= 0) continue;
    chosen[i] = open.index[e]!;
    places[j]!--;
  }
  return assemble(instance, distance, all, chosen, 0, began);
}
