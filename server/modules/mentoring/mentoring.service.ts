// Mentoring use cases: propose, confirm (one or many, all or nothing), end, list pairs, the pool and its places.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { isUniqueViolation } from "../../db/errors.js";
import { AppError, badRequest, conflict, notFound } from "../../shared/app-error.js";
import type { Principal, UserPrincipal } from "../auth/principal.js";
import { changeScope, reaches, staffScope, type StaffScope } from "../auth/staff-scope.js";
import { capacityOf, masteredBy } from "./matching-input.js";
import { neighbourMap, pairFacts, type Distance } from "./matching-model.js";
import type { AssignRequest, BatchRequest, MentorView, PairView, ProposalRequest } from "./mentoring.schemas.js";
import * as repo from "./mentoring.repository.js";
import { candidatesFor, proposePairs, reasonOf } from "./proposals.js";
import { mentorAssigned, notify } from "../notifications/notify.js";

type PairInput = BatchRequest["pairs"][number];
const optional = <K extends string>(key: K, value: string | null | undefined) => (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

function toPairView(r: repo.PairRow): PairView {
  return {
    id: r.id, menteeId: r.mentee_id, mentorId: r.mentor_id,
    mentee: { name: r.mentee_name, ...optional("schoolId", r.mentee_school_id), ...optional("schoolName", r.mentee_school_name), ...optional("municipalityId", r.mentee_municipality_id), ...optional("municipalityName", r.mentee_municipality_name) },
    mentor: { name: r.mentor_name, ...optional("schoolId", r.mentor_school_id), ...optional("schoolName", r.mentor_school_name), ...optional("municipalityId", r.mentor_municipality_id), ...optional("municipalityName", r.mentor_municipality_name) },
    ...optional("subject", r.subject), ...optional("reason", r.reason), since: new Date(r.assigned_at).toISOString(), ...optional("assignedBy", r.assigned_by_name),
  };
}

function toMentorView(p: repo.PersonRow): MentorView {
  return {
    id: p.id, name: p.full_name, subjects: p.subjects,
    ...optional("schoolId", p.school_id), ...optional("schoolName", p.school_name), ...optional("municipalityId", p.municipality_id), ...optional("municipalityName", p.municipality_name),
    highResults: p.high_results, capacity: capacityOf(p), defaultCapacity: p.mentor_capacity === null, load: p.load, active: p.is_active,
  };
}

export class MentoringService {
  constructor(private readonly db: Kysely<Database>) {}

  async propose(principal: Principal, body: ProposalRequest) {
    return proposePairs(this.db, changeScope(principal).regionId, body);
  }

  async candidates(principal: Principal, menteeId: string, distance: Distance) {
    const scope = changeScope(principal);
    const mentee = await repo.findPerson(this.db, menteeId);
    if (!mentee || mentee.region_id !== scope.regionId) throw notFound("Педагог не найден", "person_not_found");
    return candidatesFor(this.db, scope.regionId, mentee, distance);
  }

  async assign(principal: Principal, body: AssignRequest): Promise<PairView> {
    const scope = changeScope(principal);
    return this.writing(() => this.db.transaction().execute((trx) => this.makePair(trx, scope, principal as UserPrincipal, body, body.replace ?? false)));
  }

  /** Confirms many pairs at once: every pair is checked as if alone, in order, and one refusal writes nothing. */
  async assignMany(principal: Principal, body: BatchRequest): Promise<PairView[]> {
    const scope = changeScope(principal);
    const seen = new Set<string>();
    body.pairs.forEach((p, k) => {
      if (seen.has(p.menteeId)) throw badRequest(`Пара ${k + 1}: этот педагог уже есть в списке выше`, "duplicate_mentee");
      seen.add(p.menteeId);
    });
    return this.writing(() => this.db.transaction().execute(async (trx) => {
      const made: PairView[] = [];
      for (const [k, p] of body.pairs.entries()) {
        try {
          made.push(await this.makePair(trx, scope, principal as UserPrincipal, p, false));
        } catch (error) {
          if (error instanceof AppError) throw new AppError(error.statusCode, error.code, `Пара ${k + 1}: ${error.message}`);
          throw error;
        }
      }
      return made;
    }));
  }

  async end(principal: Principal, menteeId: string): Promise<void> {
    const scope = changeScope(principal);
    const mentee = await repo.findPerson(this.db, menteeId);
    const ended = mentee?.region_id === scope.regionId && (await repo.endPair(this.db, menteeId, (principal as UserPrincipal).id));
    if (!ended) throw notFound("У этого педагога нет текущего наставника", "pair_not_found");
  }

  async pairs(principal: Principal, q: { municipalityId?: string | undefined; subject?: string | undefined }): Promise<PairView[]> {
    const scope = staffScope(principal);
    const rows = await repo.listPairs(this.db, scope.regionId, { municipalityId: narrowed(scope, q.municipalityId), subject: q.subject });
    return rows.map(toPairView);
  }

  async mentors(principal: Principal, subject: string | undefined): Promise<MentorView[]> {
    const scope = changeScope(principal);
    return (await repo.findMentors(this.db, scope.regionId, { subject })).map(toMentorView);
  }

  /** Places of a mentor; never below the mentees they already have (end pairs first). */
  async setCapacity(principal: Principal, mentorId: string, capacity: number | null): Promise<MentorView> {
    const scope = changeScope(principal);
    return this.db.transaction().execute(async (trx) => {
      const mentor = await repo.findPerson(trx, mentorId);
      if (!mentor || mentor.region_id !== scope.regionId || !mentor.roles.includes("mentor")) throw notFound("Наставник не найден", "mentor_not_found");
      await repo.lockMentor(trx, mentorId);
      const load = await repo.currentLoad(trx, mentorId);
      if (capacity !== null && capacity < load) {
        throw conflict(`У наставника уже ${load} наставляемых: сначала завершите лишние пары`, "capacity_below_load");
      }
      await repo.setCapacity(trx, mentorId, capacity);
      return toMentorView((await repo.findPerson(trx, mentorId))!);
    });
  }

  private async makePair(trx: Kysely<Database>, scope: StaffScope, actor: UserPrincipal, input: PairInput, replace: boolean): Promise<PairView> {
    const [mentee, mentor] = await Promise.all([repo.findPerson(trx, input.menteeId), repo.findPerson(trx, input.mentorId)]);
    if (!mentee || mentee.region_id !== scope.regionId) throw badRequest("Наставляемый не найден в регионе", "mentee_outside_region");
    if (!mentor || mentor.region_id !== scope.regionId) throw badRequest("Наставник не найден в регионе", "mentor_outside_region");
    if (mentee.id === mentor.id) throw badRequest("Педагог не может быть наставником самому себе", "same_person");
    if (!mentor.roles.includes("mentor") || !mentor.is_active) throw badRequest(`${mentor.full_name} не входит в пул наставников`, "not_a_mentor");
    if (!mentee.roles.includes("teacher") || !mentee.is_active) throw badRequest(`${mentee.full_name} не является действующим учителем`, "not_a_teacher");
    const shared = mentee.subjects.filter((s) => mentor.subjects.includes(s));
    if (!shared.length) throw badRequest("Наставник не преподаёт ни одного предмета наставляемого", "no_shared_subject");
    if (input.subject && !shared.includes(input.subject)) throw badRequest("Этот предмет преподают не оба педагога", "subject_not_shared");
    const { subject, reason } = await this.reasonFor(trx, scope.regionId, mentee, mentor, input.subject ? [input.subject] : shared);

    await repo.lockMentor(trx, mentor.id);
    const [current] = await repo.listPairs(trx, null, { menteeId: mentee.id });
    if (current?.mentor_id === mentor.id) throw conflict(`${mentor.full_name} уже наставник этого педагога`, "already_paired");
    if (current && !replace) throw conflict(`У педагога уже есть наставник: ${current.mentor_name}. Завершите пару или замените наставника`, "mentee_has_mentor");
    if (current) await repo.endPair(trx, mentee.id, actor.id);
    const load = await repo.currentLoad(trx, mentor.id);
    if (load >= capacityOf(mentor)) throw conflict(`У наставника ${mentor.full_name} нет свободных мест (${load} из ${capacityOf(mentor)})`, "mentor_at_capacity");
    await repo.insertPair(trx, { mentorId: mentor.id, menteeId: mentee.id, assignedBy: actor.id, reason: input.reason?.trim() || reason, subject });
    await notify(trx, mentee.id, mentorAssigned(mentor.full_name, mentor.school_name, subject));
    return toPairView((await repo.listPairs(trx, null, { menteeId: mentee.id }))[0]!);
  }

  /** The subject that suits the pair best (the most of the mentee's deficits mastered), and the reason in words. */
  private async reasonFor(trx: Kysely<Database>, regionId: string, mentee: repo.PersonRow, mentor: repo.PersonRow, subjects: string[]) {
    const [deficits, levels, neighbours, titles] = await Promise.all([
      repo.latestSubjectLevels(trx, regionId, "teachers", { userIds: [mentee.id] }),
      repo.latestSubjectLevels(trx, regionId, "mentors", { userIds: [mentor.id] }),
      repo.neighbourPairs(trx, regionId), repo.competencyTitles(trx),
    ]);
    const proficient = masteredBy(levels).get(mentor.id) ?? [];
    const near = neighbourMap(neighbours);
    const menteeInput = {
      id: mentee.id, municipalityId: mentee.municipality_id, schoolId: mentee.school_id, lowResults: mentee.low_results, unfavourable: mentee.unfavourable,
      deficits: Object.fromEntries(subjects.map((s) => [s, [...new Set(deficits.filter((d) => d.subject === s).map((d) => d.competency_id))].sort()])),
    };
    const mentorInput = { id: mentor.id, municipalityId: mentor.municipality_id, schoolId: mentor.school_id, highResults: mentor.high_results, subjects, proficient, capacity: 1 };
    const options = subjects.map((s) => pairFacts(menteeInput, mentorInput, s, near));
    const best = options.reduce((a, b) => (b.deficits.length > 0 && (a.deficits.length === 0 || b.cost < a.cost) ? b : a));
    return { subject: best.subject, reason: reasonOf({ titles }, mentee, mentor, best) };
  }

  /** A pair made twice at the same moment: the database's one-current-pair rule answers, as a conflict. */
  private async writing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict("У педагога уже есть наставник", "mentee_has_mentor");
      throw error;
    }
  }
}

/** A coordinator's filter is always their municipality; asking for another one finds nothing. */
function narrowed(scope: StaffScope, municipalityId: string | undefined): string | undefined {
  if (scope.municipalityId === null) return municipalityId;
  if (municipalityId && !reaches(scope, municipalityId)) throw notFound("Муниципалитет не найден", "municipality_not_found");
  return scope.municipalityId;
}
