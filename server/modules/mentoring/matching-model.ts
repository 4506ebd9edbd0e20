// The mentor-matching model, pure: who may mentor whom (the edges) and what each pair costs, in integers.

export type Distance = "neighbours" | "any";
export type Geo = "same" | "neighbour" | "other";

export interface MenteeInput {
  id: string;
  municipalityId: string | null;
  schoolId: string | null;
  /** The programme's priorities: schools with low results (ШНОР) and in unfavourable conditions (ССУ). */
  lowResults: boolean;
  unfavourable: boolean;
  /** Deficit competency ids per subject the mentee teaches (method competencies under the test that measured them). */
  deficits: Readonly<Record<string, readonly string[]>>;
}

export interface MentorInput {
  id: string;
  municipalityId: string | null;
  schoolId: string | null;
  highResults: boolean;
  subjects: readonly string[];
  /** Competencies the mentor has mastered (level proficient at their weakest measurement). */
  proficient: readonly string[];
  /** Places still free: capacity minus current mentees. */
  capacity: number;
}

export interface MatchingInstance {
  mentees: readonly MenteeInput[];
  mentors: readonly MentorInput[];
  /** Which municipalities border which (either direction is enough). */
  neighbours: ReadonlyArray<readonly [string, string]>;
}

/**
 * Cost of a pair = what it lacks against a perfect pair (cost 0). Integers, so the flow is exact;
 * coarse steps, so the primal-dual solver needs few phases. One mastered deficit (10) outweighs the
 * mentor's school (4) and the distance (3 or 8); the mentee's priority (60, 30) outweighs several
 * mastered deficits, so that when places run short the programme's schools are served first.
 */
export const WEIGHTS = {
  perUncoveredDeficit: 10,
  countedDeficits: 12,
  notHighResults: 4,
  neighbour: 3,
  other: 8,
  notLowResults: 60,
  notUnfavourable: 30,
} as const;

/** The largest cost a pair can have: a bound the tests and the LP check use. */
export const MAX_PAIR_COST = WEIGHTS.perUncoveredDeficit * WEIGHTS.countedDeficits + WEIGHTS.notHighResults + WEIGHTS.other
  + WEIGHTS.notLowResults + WEIGHTS.notUnfavourable;

export function pairCost(covered: number, highResults: boolean, geo: Geo, mentee: Pick<MenteeInput, "lowResults" | "unfavourable">): number {
  return WEIGHTS.perUncoveredDeficit * (WEIGHTS.countedDeficits - Math.min(covered, WEIGHTS.countedDeficits))
    + (highResults ? 0 : WEIGHTS.notHighResults)
    + (geo === "same" ? 0 : geo === "neighbour" ? WEIGHTS.neighbour : WEIGHTS.other)
    + (mentee.lowResults ? 0 : WEIGHTS.notLowResults)
    + (mentee.unfavourable ? 0 : WEIGHTS.notUnfavourable);
}

/** Candidate pairs in compact arrays: one edge per (mentee, mentor), through the subject that makes it cheapest. */
export interface Edges {
  count: number;
  mentee: Int32Array;
  mentor: Int32Array;
  cost: Int32Array;
  /** Index into `subjects`. */
  subject: Int32Array;
  subjects: string[];
}

export function neighbourMap(pairs: MatchingInstance["neighbours"]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (a: string, b: string) => { if (a !== b) (map.get(a) ?? map.set(a, new Set()).get(a)!).add(b); };
  for (const [a, b] of pairs) { add(a, b); add(b, a); }
  return map;
}

export function geoOf(menteeMunicipality: string | null, mentorMunicipality: string | null, neighbours: ReadonlyMap<string, ReadonlySet<string>>): Geo {
  if (menteeMunicipality === null || mentorMunicipality === null) return "other";
  if (menteeMunicipality === mentorMunicipality) return "same";
  return neighbours.get(menteeMunicipality)?.has(mentorMunicipality) ? "neighbour" : "other";
}

/**
 * Every admissible pair: different people, a subject the mentor teaches in which the mentee has
 * deficits, at least one of those deficits mastered by the mentor (a mentor who has mastered none of
 * them cannot help), and the mentor in the same or a neighbouring municipality (anywhere in the scope
 * with distance "any"). `includeFull` keeps mentors with no free places (to explain who is unmatched).
 */
export function buildEdges(instance: MatchingInstance, distance: Distance, includeFull = false): Edges {
  const { mentees, mentors } = instance;
  const neighbours = neighbourMap(instance.neighbours);
  const subjects: string[] = [];
  const subjectIndex = new Map<string, number>();
  const byPlace = new Map<string, number[]>(); // "subject|municipality" → mentors
  const bySubject = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, j: number) => (map.get(key) ?? map.set(key, []).get(key)!).push(j);
  const mastered = mentors.map((m) => new Set(m.proficient));
  mentors.forEach((m, j) => {
    if (!includeFull && m.capacity <= 0) return;
    for (const s of new Set(m.subjects)) {
      if (!subjectIndex.has(s)) { subjectIndex.set(s, subjects.length); subjects.push(s); }
      push(byPlace, `${s}|${m.municipalityId ?? ""}`, j);
      push(bySubject, s, j);
    }
  });

  const out = { mentee: [] as number[], mentor: [] as number[], cost: [] as number[], subject: [] as number[] };
  const best = new Map<number, number>(); // mentor → position in `out`, for this mentee
  mentees.forEach((mentee, i) => {
    best.clear();
    for (const [subject, deficits] of Object.entries(mentee.deficits)) {
      if (!deficits.length || !subjectIndex.has(subject)) continue;
      const home = mentee.municipalityId;
      const pool = distance === "any" ? bySubject.get(subject) ?? []
        : home === null ? [] : [home, ...(neighbours.get(home) ?? [])].flatMap((place) => byPlace.get(`${subject}|${place}`) ?? []);
      for (const j of pool) {
        const mentor = mentors[j]!;
        if (mentor.id === mentee.id) continue;
        let covered = 0;
        for (const d of deficits) if (mastered[j]!.has(d)) covered++;
        if (covered === 0) continue;
        const cost = pairCost(covered, mentor.highResults, geoOf(mentee.municipalityId, mentor.municipalityId, neighbours), mentee);
        const seen = best.get(j);
        if (seen === undefined) {
          best.set(j, out.mentee.length);
          out.mentee.push(i); out.mentor.push(j); out.cost.push(cost); out.subject.push(subjectIndex.get(subject)!);
        } else if (cost < out.cost[seen]!) {
          out.cost[seen] = cost;
          out.subject[seen] = subjectIndex.get(subject)!;
        }
      }
    }
  });
  return {
    count: out.mentee.length, mentee: Int32Array.from(out.mentee), mentor: Int32Array.from(out.mentor),
    cost: Int32Array.from(out.cost), subject: Int32Array.from(out.subject), subjects,
  };
}

/** What a chosen pair rests on, for its reason in words. */
export interface PairFacts {
  subject: string;
  deficits: string[];
  covered: string[];
  geo: Geo;
  cost: number;
}

export function pairFacts(mentee: MenteeInput, mentor: MentorInput, subject: string, neighbours: ReadonlyMap<string, ReadonlySet<string>>): PairFacts {
  const mastered = new Set(mentor.proficient);
  const deficits = [...(mentee.deficits[subject] ?? [])];
  const covered = deficits.filter((d) => mastered.has(d));
  const geo = geoOf(mentee.municipalityId, mentor.municipalityId, neighbours);
  return { subject, deficits, covered, geo, cost: pairCost(covered.length, mentor.highResults, geo, mentee) };
}
