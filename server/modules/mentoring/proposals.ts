// Proposals: the optimal pairs of a region (or municipality, or subject) with reasons, and one teacher's candidates.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { badRequest } from "../../shared/app-error.js";
import { loadMatchingData, capacityOf, type MatchingData } from "./matching-input.js";
import { buildEdges, neighbourMap, pairFacts, type Distance, type PairFacts } from "./matching-model.js";
import { matchMentors, type MatchOutcome } from "./matching.js";
import { matchGreedy } from "./matching-greedy.js";
import type { ProposalRequest, ProposalView } from "./mentoring.schemas.js";
import type { PersonRow } from "./mentoring.repository.js";
import * as repo from "./mentoring.repository.js";
import { pairReason, unmatchedReason } from "./pair-reasons.js";

const place = (p: PersonRow | undefined) => ({
  ...(p?.school_id ? { schoolId: p.school_id } : {}), ...(p?.school_name ? { schoolName: p.school_name } : {}),
  ...(p?.municipality_id ? { municipalityId: p.municipality_id } : {}), ...(p?.municipality_name ? { municipalityName: p.municipality_name } : {}),
});

/** The reason of a pair in words, from the facts the matching rests on. */
export function reasonOf(data: Pick<MatchingData, "titles">, mentee: PersonRow, mentor: PersonRow, facts: PairFacts): string {
  return pairReason({
    facts, titles: data.titles,
    mentorSchool: mentor.school_name ? { name: mentor.school_name, highResults: mentor.high_results } : null,
    mentorMunicipality: mentor.municipality_name,
    mentee: { lowResults: mentee.low_results, unfavourable: mentee.unfavourable },
  });
}

/** Computes, writes nothing. The greedy baseline runs beside the optimum so the page can show the gain. */
export async function proposePairs(db: Kysely<Database>, regionId: string, req: ProposalRequest): Promise<ProposalView> {
  const began = performance.now();
  if (req.municipalityId && !(await repo.municipalityOfRegion(db, regionId, req.municipalityId))) {
    throw badRequest(`Нет такого муниципалитета в регионе: ${req.municipalityId}`, "unknown_municipality");
  }
  const distance: Distance = req.distance === "any" ? "any" : "neighbours";
  const data = await loadMatchingData(db, regionId, { subject: req.subject, municipalityId: req.municipalityId });
  const best = matchMentors(data.instance, { distance });
  const greedy = matchGreedy(data.instance, { distance });
  const person = (id: string) => data.people.get(id)!;

  const pairs = best.pairs.map((p) => {
    const mentee = person(p.menteeId), mentor = person(p.mentorId);
    return {
      menteeId: p.menteeId, mentorId: p.mentorId, reason: reasonOf(data, mentee, mentor, p.facts), subject: p.facts.subject,
      mentee: { name: mentee.full_name, ...place(mentee), lowResults: mentee.low_results, unfavourable: mentee.unfavourable },
      mentor: { name: mentor.full_name, ...place(mentor), highResults: mentor.high_results },
      deficits: p.facts.deficits, covered: p.facts.covered, geo: p.facts.geo, cost: p.facts.cost,
    };
  });
  const unmatchedDetails = best.unmatched.map((u) => ({
    menteeId: u.menteeId, name: person(u.menteeId).full_name, ...place(person(u.menteeId)),
    subjects: u.subjects, cause: u.cause, reason: unmatchedReason(u.cause, u.subjects, u.candidates), candidates: u.candidates,
  }));
  return {
    pairs,
    unmatched: unmatchedDetails.map((u) => u.menteeId),
    unmatchedDetails,
    summary: {
      mentees: data.instance.mentees.length,
      mentors: data.instance.mentors.length,
      places: data.instance.mentors.reduce((sum, m) => sum + m.capacity, 0),
      matched: best.matched, totalCost: best.totalCost,
      greedy: { matched: greedy.matched, totalCost: greedy.totalCost },
      distance,
      bySubject: bySubject(best),
      elapsedMs: Math.round(performance.now() - began),
    },
  };
}

/** Matched and unmatched teachers per subject (an unmatched teacher counts under each of their subjects). */
function bySubject(outcome: MatchOutcome) {
  const counts = new Map<string, { matched: number; unmatched: number }>();
  const at = (s: string) => counts.get(s) ?? counts.set(s, { matched: 0, unmatched: 0 }).get(s)!;
  for (const p of outcome.pairs) at(p.facts.subject).matched++;
  for (const u of outcome.unmatched) for (const s of u.subjects) at(s).unmatched++;
  return [...counts].map(([subject, c]) => ({ subject, ...c })).sort((a, b) => b.matched + b.unmatched - a.matched - a.unmatched || a.subject.localeCompare(b.subject));
}

/** Every mentor who could take this teacher (those with no free place included, marked by their load), best first. */
export async function candidatesFor(db: Kysely<Database>, regionId: string, mentee: PersonRow, distance: Distance) {
  const data = await loadMatchingData(db, regionId, { mentees: [mentee] });
  const inst = data.instance;
  if (!inst.mentees.length) return [];
  const edges = buildEdges(inst, distance, true);
  const neighbours = neighbourMap(inst.neighbours);
  const out = [];
  for (let e = 0; e < edges.count; e++) {
    const mentor = data.people.get(inst.mentors[edges.mentor[e]!]!.id)!;
    const facts = pairFacts(inst.mentees[0]!, inst.mentors[edges.mentor[e]!]!, edges.subjects[edges.subject[e]!]!, neighbours);
    out.push({
      mentorId: mentor.id, name: mentor.full_name, ...place(mentor), highResults: mentor.high_results, subject: facts.subject,
      covered: facts.covered.length, deficits: facts.deficits.length, geo: facts.geo, cost: facts.cost,
      capacity: capacityOf(mentor), load: mentor.load, reason: reasonOf(data, mentee, mentor, facts),
    });
  }
  const full = (c: { load: number; capacity: number }) => Number(c.load >= c.capacity);
  return out.sort((a, b) => full(a) - full(b) || a.cost - b.cost || a.name.localeCompare(b.name, "ru"));
}
