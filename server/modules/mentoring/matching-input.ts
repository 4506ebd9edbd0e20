// Loads a region's matching instance from the database: mentees with deficits, mentors with mastery and free places.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { MatchingInstance, MenteeInput, MentorInput } from "./matching-model.js";
import * as repo from "./mentoring.repository.js";

/** Places of a mentor whose capacity was never set. */
const DEFAULT_CAPACITY = 3;
export const capacityOf = (p: Pick<repo.PersonRow, "mentor_capacity">) => p.mentor_capacity ?? DEFAULT_CAPACITY;

export interface MatchingData {
  instance: MatchingInstance;
  people: Map<string, repo.PersonRow>;
  titles: Map<string, string>;
}

export interface MatchingScope {
  subject?: string | undefined;
  municipalityId?: string | undefined;
  /** Only these mentees (who may already have a mentor): the candidates of one person. */
  mentees?: repo.PersonRow[];
}

const RANK = { deficit: 0, partial: 1, proficient: 2 } as const;

export async function loadMatchingData(db: Kysely<Database>, regionId: string, scope: MatchingScope = {}): Promise<MatchingData> {
  const menteeIds = scope.mentees?.map((m) => m.id);
  const [candidates, mentors, deficits, levels, neighbours, titles] = await Promise.all([
    scope.mentees ? Promise.resolve(scope.mentees) : repo.findMenteeCandidates(db, regionId, scope.municipalityId),
    repo.findMentors(db, regionId, { subject: scope.subject, activeOnly: true }),
    repo.latestSubjectLevels(db, regionId, "teachers", { subject: scope.subject, ...(menteeIds ? { userIds: menteeIds } : {}) }),
    repo.latestSubjectLevels(db, regionId, "mentors"),
    repo.neighbourPairs(db, regionId),
    repo.competencyTitles(db),
  ]);

  const deficitsOf = new Map<string, Map<string, string[]>>();
  for (const r of deficits) {
    const bySubject = deficitsOf.get(r.user_id) ?? deficitsOf.set(r.user_id, new Map()).get(r.user_id)!;
    (bySubject.get(r.subject) ?? bySubject.set(r.subject, []).get(r.subject)!).push(r.competency_id);
  }
  const mentees: MenteeInput[] = [];
  for (const p of candidates) {
    // Only the subjects the teacher teaches: a mentor is a teacher of the mentee's subject.
    const own = [...(deficitsOf.get(p.id) ?? [])].filter(([subject, ids]) => p.subjects.includes(subject) && ids.length);
    if (!own.length) continue;
    mentees.push({
      id: p.id, municipalityId: p.municipality_id, schoolId: p.school_id, lowResults: p.low_results, unfavourable: p.unfavourable,
      deficits: Object.fromEntries(own.map(([s, ids]) => [s, [...new Set(ids)].sort()])),
    });
  }

  const mastery = masteredBy(levels);
  const mentorInputs: MentorInput[] = mentors.map((p) => ({
    id: p.id, municipalityId: p.municipality_id, schoolId: p.school_id, highResults: p.high_results,
    subjects: scope.subject ? p.subjects.filter((s) => s === scope.subject) : p.subjects,
    proficient: mastery.get(p.id) ?? [],
    capacity: Math.max(0, capacityOf(p) - p.load),
  }));

  const people = new Map<string, repo.PersonRow>();
  for (const p of [...candidates, ...mentors]) people.set(p.id, p);
  return { instance: { mentees, mentors: mentorInputs, neighbours }, people, titles };
}

/** What each mentor has mastered: the competencies whose weakest latest measurement is "proficient". */
export function masteredBy(levels: readonly repo.LevelRow[]): Map<string, string[]> {
  const weakest = new Map<string, Map<string, number>>();
  for (const r of levels) {
    const of = weakest.get(r.user_id) ?? weakest.set(r.user_id, new Map()).get(r.user_id)!;
    of.set(r.competency_id, Math.min(of.get(r.competency_id) ?? RANK.proficient, RANK[r.level]));
  }
  return new Map([...weakest].map(([user, of]) => [user, [...of].filter(([, rank]) => rank === RANK.proficient).map(([id]) => id).sort()]));
}
