// Attempt use cases: start or resume, autosave, submit once (the server owns the clock), read results.
import type { Kysely } from "kysely";
import type { AttemptRow, Database } from "../../db/schema.js";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.js";
import { LruCache } from "../../shared/lru-cache.js";
import type { AnonymousPrincipal, Principal } from "../auth/principal.js";
import { findRoundCampaign } from "../climate/climate-rounds.repository.js";
import { findActiveAssignment, findActiveCampaignForSchool, listPersonAssignments, type AssignedCampaign } from "../campaigns/campaigns.repository.js";
import { ruDate } from "../../shared/dates.js";
import type { InstrumentDefinition } from "../instruments/instrument.types.js";
import type { InstrumentRegistry, LoadedInstrument } from "../instruments/registry.js";
import { mayTake, summarize, type Taker } from "../instruments/instruments.service.js";
import { findPersonById, findSchoolRegion } from "../people/people.repository.js";
import { canSeePersonResults } from "../profiles/profile-access.js";
import { resultView, storedResult } from "./attempt-results.js";
import { scoreResponse } from "../scoring/scorer.js";
import { waveResultNotice } from "../progress/wave-notice.js";
import {
  alreadySubmitted, attemptNotFound, attemptSummary, audienceOf, campaignClosed, campaignSummary, keepKnownAnswers, respondentKeyOf,
  savedView, timeOver, toView, type AttemptView, type KeptAnswers, type ResultView,
} from "./attempt-views.js";
import * as repo from "./attempts.repository.js";

export { keepKnownAnswers, respondentKeyOf, toView, type AttemptView, type ResultView } from "./attempt-views.js";

/** Attempts whose facts (instrument, version, owner) this process keeps; they never change, so they never go stale. */
const ATTEMPTS_CACHED = 20_000;
/** Teachers' subjects, for opening a subject test: a minute old at most. */
const SUBJECTS_CACHED = 20_000;
const SUBJECTS_TTL_MS = 60_000;

type Submission = { attempt: AttemptView; result: ResultView | null };

export class AttemptsService {
  private readonly facts = new LruCache<string, repo.AttemptFacts>(ATTEMPTS_CACHED);
  private readonly subjects = new LruCache<string, readonly string[]>(SUBJECTS_CACHED);

  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: InstrumentRegistry,
    private readonly graceSeconds: number,
  ) {}

  async takerOf(principal: Principal): Promise<Taker & { regionId: string | undefined }> {
    if (principal.kind === "anonymous") {
      return { principal, subjects: [], regionId: await findSchoolRegion(this.db, principal.schoolId) };
    }
    const person = await findPersonById(this.db, principal.id);
    return { principal, subjects: person?.subjects ?? [], regionId: person?.regionId ?? principal.regionId ?? undefined };
  }

  /**
   * Enough of the viewer to decide whether they may open `instrument`: only a teacher opening a
   * subject test depends on the database (their subjects), and those are kept a minute.
   */
  async viewerOf(principal: Principal, instrument: InstrumentDefinition): Promise<Taker> {
    if (principal.kind !== "user" || instrument.kind !== "subject-test" || !principal.roles.includes("teacher")) return { principal, subjects: [] };
    let subjects = this.subjects.get(principal.id);
    if (!subjects) {
      subjects = (await repo.findSubjects(this.db, principal.id)) ?? [];
      this.subjects.set(principal.id, subjects, Date.now() + SUBJECTS_TTL_MS);
    }
    return { principal, subjects };
  }

  /** The instruments this person may take in the running campaigns, each with its campaign and the state of their attempt. */
  async available(principal: Principal) {
    const taker = await this.takerOf(principal);
    if (principal.kind === "anonymous") {
      const loaded = this.registry.get(principal.instrumentId);
      const campaign = loaded && await anonymousCampaign(this.db, principal);
      if (!loaded || !campaign) return [];
      const attempt = await repo.findRespondentAttempt(this.db, respondentKeyOf(principal.respondentId), principal.instrumentId, campaign.id);
      return [{ ...summarize(loaded), campaign: campaignSummary(campaign), ...(attempt ? { attempt: attemptSummary(attempt) } : {}) }];
    }
    const rows = (await listPersonAssignments(this.db, principal.id)).filter((r) => r.campaign_status === "active");
    return rows.flatMap((r) => {
      const loaded = this.registry.get(r.instrument_id);
      if (!loaded || !mayTake(loaded.definition, taker)) return [];
      const campaign = { id: r.campaign_id, title: r.campaign_title, wave: r.wave, status: r.campaign_status, starts_on: r.starts_on, ends_on: r.ends_on, in_window: r.in_window };
      return [{
        ...summarize(loaded),
        campaign: campaignSummary(campaign),
        ...(r.attempt_id && r.attempt_status ? {
          attempt: attemptSummary({ id: r.attempt_id, status: r.attempt_status, submitted_at: r.submitted_at, percent: r.percent, deadline_at: r.deadline_at }),
        } : {}),
      }];
    });
  }

  async start(principal: Principal, instrumentId: string): Promise<{ attempt: AttemptView; created: boolean }> {
    const loaded = this.registry.get(instrumentId);
    if (!loaded) throw notFound("Инструмент не найден", "instrument_not_found");
    const taker = await this.takerOf(principal);
    if (!mayTake(loaded.definition, taker)) throw forbidden("Этот инструмент вам не назначен", "not_assigned");
    const campaign = principal.kind === "user"
      ? await findActiveAssignment(this.db, principal.id, instrumentId)
      : await anonymousCampaign(this.db, principal);
    if (!campaign) throw conflict("Сейчас нет мониторинга, в который входит этот инструмент", "no_active_campaign");
    if (!campaign.in_window) {
      throw conflict(`Диагностика «${campaign.title}» проходит с ${ruDate(campaign.starts_on)} по ${ruDate(campaign.ends_on)}; сейчас её пройти нельзя`, "outside_window");
    }

    return this.db.transaction().execute(async (trx) => {
      const existing = principal.kind === "user"
        ? await repo.findPersonAttempt(trx, principal.id, instrumentId, campaign.id)
        : await repo.findRespondentAttempt(trx, respondentKeyOf(principal.respondentId), instrumentId, campaign.id);
      if (existing) return this.resumeOrRefuse(trx, existing);
      const inserted = await repo.insertAttempt(trx, {
        userId: principal.kind === "user" ? principal.id : null,
        respondentKey: principal.kind === "anonymous" ? respondentKeyOf(principal.respondentId) : null,
        schoolId: principal.schoolId, audience: principal.kind === "user" ? audienceOf(loaded) : principal.audience,
        instrumentId, version: loaded.definition.version, campaignId: campaign.id,
        timeLimitMinutes: loaded.definition.timeLimitMinutes,
        ...(principal.kind === "anonymous" ? { roundId: principal.roundId ?? null, className: principal.className ?? null } : {}),
      });
      if (inserted) return { attempt: toView(inserted, loaded.codec), created: true };
      // Another request of the same person inserted it a moment ago.
      const raced = await repo.findPersonAttempt(trx, (principal as { id: string }).id, instrumentId, campaign.id);
      return this.resumeOrRefuse(trx, raced!);
    });
  }

  private async resumeOrRefuse(db: Kysely<Database>, existing: AttemptRow) {
    if (existing.status === "submitted") throw conflict("Вы уже прошли этот тест в текущем мониторинге", "already_submitted");
    return { attempt: toView(existing, (await this.versionOf(existing, db)).codec), created: false };
  }

  async get(principal: Principal, id: string): Promise<AttemptView> {
    const attempt = await repo.findAttempt(this.db, id);
    if (!attempt || !ownsAttempt(principal, attempt)) throw attemptNotFound();
    return toView(attempt, (await this.versionOf(attempt)).codec);
  }

  /**
   * Autosave: one guarded UPDATE (attempts.repository.ts `saveAnswers`) carries every rule; only
   * when it writes nothing does one read say why, in the order the rules have always been told:
   * someone else's (404), submitted, campaign closed, time over (409).
   */
  async save(principal: Principal, id: string, data: Record<string, unknown>, currentPage: number | undefined): Promise<AttemptView> {
    const facts = this.knownFacts(principal, id) ?? await this.factsOf(principal, id);
    const loaded = this.currentVersion(facts) ?? await this.versionOf(facts);
    let kept: KeptAnswers;
    try {
      kept = keepKnownAnswers(data, loaded);
    } catch (error) {
      // Too large: unless the attempt takes no answers anyway, which is the answer then.
      throw (await this.refusalToSave(id)) ?? error;
    }
    for (let tries = 0; tries < 2; tries++) {
      const saved = await repo.saveAnswers(this.db, id, ownerOf(principal), kept.json, currentPage, this.graceCutoff());
      if (saved) return savedView(id, facts, saved, kept.served);
      const refusal = await this.refusalToSave(id);
      if (refusal) throw refusal;
      // Nothing stood in the way when read: a deadline or a last day moved between the two statements.
    }
    throw alreadySubmitted();
  }

  private async refusalToSave(id: string): Promise<AppError | undefined> {
    const stored = await repo.findAttemptWithCampaign(this.db, id);
    if (!stored) return attemptNotFound();
    if (stored.status === "submitted") return alreadySubmitted();
    if (!stored.campaign_open) return campaignClosed({ status: stored.campaign_status, ends_on: stored.campaign_ends_on });
    if (this.pastGrace(stored.deadline_at)) return timeOver();
    return undefined;
  }

  /**
   * Submission: the usual case (in progress, in time, campaign open, answers sent) is one statement
   * that updates, writes the results and reads what the answer needs. Anything else takes one read
   * and is decided as before: a repeat returns the stored result, a closed campaign refuses, past the
   * limit and its grace what was saved in time is scored. Concurrent submits of one attempt: one wins
   * the row, the others match nothing and answer with its result.
   */
  async submit(principal: Principal, id: string, data: Record<string, unknown> | undefined): Promise<Submission> {
    const facts = this.knownFacts(principal, id) ?? await this.factsOf(principal, id);
    const loaded = await this.versionOf(facts);
    const owner = ownerOf(principal);
    let kept: KeptAnswers | undefined;
    let tooLarge: unknown;
    try {
      kept = data === undefined ? undefined : keepKnownAnswers(data, loaded);
    } catch (error) {
      if (!(error instanceof AppError && error.statusCode === 413)) throw error;
      tooLarge = error;
    }
    if (kept) {
      const written = await this.record(id, owner, facts, loaded, kept, this.graceCutoff());
      if (written) return written;
    }
    for (let tries = 0; tries < 3; tries++) {
      const stored = await repo.findAttemptWithCampaign(this.db, id);
      if (!stored) throw attemptNotFound();
      if (stored.status === "submitted") return { attempt: toView(stored, loaded.codec), result: await storedResult(this.db, this.registry.catalogues.courses, stored, async () => loaded) };
      if (!stored.campaign_open) throw campaignClosed({ status: stored.campaign_status, ends_on: stored.campaign_ends_on });
      // Past the limit and its grace, what counts is what was saved while time remained.
      const late = this.pastGrace(stored.deadline_at);
      if (!late && tooLarge) throw tooLarge;
      const answers = late || !kept ? { answers: stored.data, json: JSON.stringify(stored.data), served: stored.data } : kept;
      const written = await this.record(id, owner, facts, loaded, answers, late ? null : this.graceCutoff());
      if (written) return written;
    }
    throw conflict("Попытка изменилась во время отправки; отправьте ответы ещё раз", "attempt_changed");
  }

  private async record(id: string, owner: repo.Owner, facts: repo.AttemptFacts, loaded: LoadedInstrument, kept: KeptAnswers, cutoff: Date | null): Promise<Submission | undefined> {
    const scored = loaded.answerKey.items.length ? scoreResponse(loaded.answerKey, kept.answers) : null;
    // A mentee's scored result in an intermediate or final wave tells their mentor, in the same statement.
    const also = scored && facts.user_id ? waveResultNotice(loaded.definition.title) : null;
    const written = await repo.recordSubmission(this.db, id, owner, kept.json, scored, cutoff, also);
    if (!written) return undefined;
    const competencies = (scored?.competencies ?? []).map(({ id: cid, title, score, maxScore, percent, level, items }) => ({ id: cid, title, score, maxScore, percent, level, items }));
    const person = written.user_id && written.owner_subjects ? { roles: written.owner_roles ?? [], subjects: written.owner_subjects } : undefined;
    return { attempt: toView(written, loaded.codec), result: scored ? resultView(written, loaded, competencies, person, this.registry.catalogues.courses) : null };
  }

  async result(principal: Principal, id: string): Promise<ResultView> {
    const attempt = await repo.findAttempt(this.db, id);
    if (!attempt || !(await this.maySeeResult(principal, attempt))) throw attemptNotFound();
    if (attempt.status !== "submitted") throw conflict("Результат появится после отправки ответов", "not_submitted");
    const result = await storedResult(this.db, this.registry.catalogues.courses, attempt, () => this.versionOf(attempt));
    if (!result) throw notFound("У этого инструмента нет баллов", "no_result");
    return result;
  }

  private async maySeeResult(principal: Principal, attempt: AttemptRow): Promise<boolean> {
    if (principal.kind === "anonymous") return attempt.respondent_key === respondentKeyOf(principal.respondentId);
    if (!attempt.user_id) return false;
    return canSeePersonResults(this.db, principal, attempt.user_id);
  }

  /** The attempt's facts when this process knows them already (no promise on the hot path); 404 when they are someone else's. */
  private knownFacts(principal: Principal, id: string): repo.AttemptFacts | undefined {
    const facts = this.facts.get(id);
    if (facts && !ownsAttempt(principal, facts)) throw attemptNotFound();
    return facts;
  }

  /** The attempt's facts, if it is this principal's; someone else's attempt does not exist for them. Read once per process. */
  private async factsOf(principal: Principal, id: string): Promise<repo.AttemptFacts> {
    let facts = this.facts.get(id);
    if (!facts) {
      facts = await repo.findAttemptFacts(this.db, id);
      if (facts) this.facts.set(id, facts);
    }
    if (!facts || !ownsAttempt(principal, facts)) throw attemptNotFound();
    return facts;
  }

  /** Now less the grace, by the server's clock: a deadline before it has passed for good. */
  private graceCutoff(): Date {
    return new Date(Date.now() - this.graceSeconds * 1000);
  }

  private pastGrace(deadline: Date | null): boolean {
    return deadline !== null && Date.now() > deadline.getTime() + this.graceSeconds * 1000;
  }

  /** The instrument when the attempt is on its current version, without a promise. */
  private currentVersion(attempt: Pick<AttemptRow, "instrument_id" | "version">): LoadedInstrument | undefined {
    const current = this.registry.get(attempt.instrument_id);
    return current?.definition.version === attempt.version ? current : undefined;
  }

  /** The instrument at the attempt's version: the current one from memory, an older one read once. */
  private async versionOf(attempt: Pick<AttemptRow, "instrument_id" | "version">, db: Kysely<Database> = this.db): Promise<LoadedInstrument> {
    const loaded = await this.registry.atVersion(db, attempt.instrument_id, attempt.version);
    if (!loaded) throw new Error(`instrument ${attempt.instrument_id} version ${attempt.version} is missing`);
    return loaded;
  }
}

function ownsAttempt(principal: Principal, attempt: Pick<AttemptRow, "user_id" | "respondent_key">): boolean {
  return principal.kind === "user" ? attempt.user_id === principal.id : attempt.respondent_key === respondentKeyOf(principal.respondentId);
}

function ownerOf(principal: Principal): repo.Owner {
  return principal.kind === "user" ? { userId: principal.id } : { respondentKey: respondentKeyOf(principal.respondentId) };
}

/** An anonymous respondent answers in the campaign of its code's round; a code without a round, in the school's running campaign. */
function anonymousCampaign(db: Kysely<Database>, p: AnonymousPrincipal): Promise<AssignedCampaign | undefined> {
  return p.roundId ? findRoundCampaign(db, p.roundId) : findActiveCampaignForSchool(db, p.schoolId, p.instrumentId);
}
