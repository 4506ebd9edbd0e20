// Attempt use cases: start or resume, autosave, submit once (the server owns the clock), read results.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { AttemptRow, Database } from "../../db/schema.js";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.js";
import type { AnonymousPrincipal, Principal } from "../auth/principal.js";
import { findRoundCampaign } from "../climate/climate-rounds.repository.js";
import { campaignAcceptsAnswers, findActiveAssignment, findActiveCampaignForSchool, listPersonAssignments, type AssignedCampaign } from "../campaigns/campaigns.repository.js";
import { ruDate } from "../../shared/dates.js";
import type { InstrumentRegistry, LoadedInstrument } from "../instruments/registry.js";
import type { AnswerCodec } from "../instruments/answer-codec.js";
import { mayTake, summarize, type Taker } from "../instruments/instruments.service.js";
import { findPersonById, findSchoolRegion, type Person } from "../people/people.repository.js";
import { canSeePersonResults } from "../profiles/profile-access.js";
import { recommendCourses } from "../profiles/recommend.js";
import { scoreResponse, type Level } from "../scoring/scorer.js";
import * as repo from "./attempts.repository.js";
import { waveResultNotice } from "../progress/wave-notice.js";

export interface AttemptView {
  id: string;
  instrumentId: string;
  version: number;
  status: "in_progress" | "submitted";
  data: Record<string, unknown>;
  currentPage: number;
  startedAt: string;
  submittedAt?: string;
  deadlineAt?: string;
  serverTime: string;
}

export interface ResultView {
  attemptId: string;
  instrumentId: string;
  instrumentTitle: string;
  version: number;
  submittedAt: string;
  score: number;
  maxScore: number;
  percent: number;
  competencies: Array<{ id: string; title: string; score: number; maxScore: number; percent: number; level: Level; items: number }>;
  deficits: string[];
  courses: Array<{ id: string; title: string; hours: number; format: string; reason: string; competencies: string[] }>;
}

/** Answers larger than this are not answers. */
const MAX_DATA_BYTES = 256 * 1024;

export const respondentKeyOf = (respondentId: string) => createHash("sha256").update(`respondent:${respondentId}`).digest("hex");

export class AttemptsService {
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
    return { attempt: await this.view(db, existing), created: false };
  }

  /** The attempt as its browser knows it: answers in the values the served survey uses. */
  private async view(db: Kysely<Database>, row: AttemptRow): Promise<AttemptView> {
    return toView(row, (await this.versionOf(db, row)).codec);
  }

  async get(principal: Principal, id: string): Promise<AttemptView> {
    return this.view(this.db, await this.owned(this.db, principal, id));
  }

  async save(principal: Principal, id: string, data: Record<string, unknown>, currentPage: number | undefined): Promise<AttemptView> {
    return this.db.transaction().execute(async (trx) => {
      const attempt = await this.owned(trx, principal, id, true);
      if (attempt.status === "submitted") throw conflict("Ответы уже отправлены, изменить их нельзя", "already_submitted");
      await this.refuseUnlessCampaignOpen(trx, attempt);
      if (this.pastGrace(attempt)) throw conflict("Время на выполнение истекло: ответы сохранены на момент окончания времени", "time_over");
      const loaded = await this.versionOf(trx, attempt);
      const saved = await repo.saveAnswers(trx, id, keepKnownAnswers(loaded.codec.toStored(data), loaded), currentPage ?? attempt.current_page);
      // The campaign closed between the check above and the write: the write did not happen.
      if (!saved) {
        await this.refuseUnlessCampaignOpen(trx, attempt);
        throw conflict("Ответы уже отправлены, изменить их нельзя", "already_submitted");
      }
      return toView(saved, loaded.codec);
    });
  }

  async submit(principal: Principal, id: string, data: Record<string, unknown> | undefined): Promise<{ attempt: AttemptView; result: ResultView | null }> {
    const attempt = await this.owned(this.db, principal, id);
    if (attempt.status === "submitted") return { attempt: await this.view(this.db, attempt), result: await this.resultOf(attempt) };
    await this.refuseUnlessCampaignOpen(this.db, attempt);
    const loaded = await this.versionOf(this.db, attempt);
    // Past the limit and its grace, what counts is what was saved while time remained.
    const answers = this.pastGrace(attempt) || data === undefined ? attempt.data : keepKnownAnswers(loaded.codec.toStored(data), loaded);
    const scored = loaded.answerKey.items.length ? scoreResponse(loaded.answerKey, answers) : null;
    const [written, owner] = await Promise.all([
      // A mentee's new wave result tells the mentor, in the same statement as the submission.
      repo.recordSubmission(this.db, id, answers, scored, scored && attempt.user_id ? waveResultNotice(loaded.definition.title) : null),
      attempt.user_id ? findPersonById(this.db, attempt.user_id) : undefined,
    ]);
    if (!written) {
      // A concurrent submission of the same attempt got there first: answer with what it stored.
      // Otherwise the campaign closed a moment ago, and nothing was written.
      const stored = (await repo.findAttempt(this.db, id))!;
      if (stored.status !== "submitted") await this.refuseUnlessCampaignOpen(this.db, stored);
      return { attempt: await this.view(this.db, stored), result: await this.resultOf(stored) };
    }
    const competencies = (scored?.competencies ?? []).map(({ id: cid, title, score, maxScore, percent, level, items }) => ({ id: cid, title, score, maxScore, percent, level, items }));
    return { attempt: toView(written, loaded.codec), result: scored ? this.resultView(written, loaded, competencies, owner) : null };
  }

  async result(principal: Principal, id: string): Promise<ResultView> {
    const attempt = await repo.findAttempt(this.db, id);
    if (!attempt || !(await this.maySeeResult(principal, attempt))) throw notFound("Попытка не найдена", "attempt_not_found");
    if (attempt.status !== "submitted") throw conflict("Результат появится после отправки ответов", "not_submitted");
    const result = await this.resultOf(attempt);
    if (!result) throw notFound("У этого инструмента нет баллов", "no_result");
    return result;
  }

  private async resultOf(attempt: AttemptRow): Promise<ResultView | null> {
    if (attempt.score === null || attempt.max_score === null || !attempt.submitted_at) return null;
    const loaded = await this.versionOf(this.db, attempt);
    const [rows, owner] = await Promise.all([
      repo.findCompetencyResults(this.db, attempt.id),
      attempt.user_id ? findPersonById(this.db, attempt.user_id) : undefined,
    ]);
    const order = loaded.answerKey.competencies.map((c) => c.id);
    const competencies = rows
      .map((r) => ({ id: r.id, title: r.title, score: r.score, maxScore: r.max_score, percent: r.percent, level: r.level, items: r.items }))
      .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return this.resultView(attempt, loaded, competencies, owner);
  }

  private resultView(attempt: AttemptRow, loaded: LoadedInstrument, competencies: ResultView["competencies"], owner: Person | undefined): ResultView {
    const courses = owner
      ? recommendCourses({ roles: owner.roles, subjects: owner.subjects, competencies }, this.registry.catalogues.courses)
      : [];
    return {
      attemptId: attempt.id, instrumentId: attempt.instrument_id, instrumentTitle: loaded.definition.title, version: attempt.version,
      submittedAt: attempt.submitted_at!.toISOString(),
      score: attempt.score!, maxScore: attempt.max_score!, percent: attempt.percent ?? 0,
      competencies, deficits: competencies.filter((c) => c.level === "deficit").map((c) => c.id),
      courses: courses.map((c) => ({ id: c.course.id, title: c.course.title, hours: c.course.hours, format: c.course.format, reason: c.reason, competencies: c.addresses })),
    };
  }

  private async maySeeResult(principal: Principal, attempt: AttemptRow): Promise<boolean> {
    if (principal.kind === "anonymous") return attempt.respondent_key === respondentKeyOf(principal.respondentId);
    if (!attempt.user_id) return false;
    return canSeePersonResults(this.db, principal, attempt.user_id);
  }

  /** The attempt, if it belongs to this principal; someone else's attempt does not exist for them. */
  private async owned(db: Kysely<Database>, principal: Principal, id: string, lock = false): Promise<AttemptRow> {
    const attempt = lock ? await repo.findAttemptForUpdate(db, id) : await repo.findAttempt(db, id);
    const mine = attempt && (principal.kind === "user"
      ? attempt.user_id === principal.id
      : attempt.respondent_key === respondentKeyOf(principal.respondentId));
    if (!attempt || !mine) throw notFound("Попытка не найдена", "attempt_not_found");
    return attempt;
  }

  /** A closed campaign, or one whose last day is past, takes no more answers; what was saved stays. */
  private async refuseUnlessCampaignOpen(db: Kysely<Database>, attempt: AttemptRow): Promise<void> {
    const campaign = await campaignAcceptsAnswers(db, attempt.campaign_id);
    if (campaign?.open) return;
    throw conflict(
      campaign?.status === "active"
        ? `Срок диагностики закончился ${ruDate(campaign.ends_on)}: сохранённые ответы остаются, но изменить или отправить их нельзя`
        : "Мониторинг закрыт: сохранённые ответы остаются, но изменить или отправить их нельзя",
      "campaign_closed",
    );
  }

  private pastGrace(attempt: AttemptRow): boolean {
    return attempt.deadline_at !== null && Date.now() > attempt.deadline_at.getTime() + this.graceSeconds * 1000;
  }

  private async versionOf(db: Kysely<Database>, attempt: AttemptRow): Promise<LoadedInstrument> {
    const loaded = await this.registry.atVersion(db, attempt.instrument_id, attempt.version);
    if (!loaded) throw new Error(`instrument ${attempt.instrument_id} version ${attempt.version} is missing`);
    return loaded;
  }
}

/** An anonymous respondent answers in the campaign of its code's round; a code without a round, in the school's running campaign. */
function anonymousCampaign(db: Kysely<Database>, p: AnonymousPrincipal): Promise<AssignedCampaign | undefined> {
  return p.roundId ? findRoundCampaign(db, p.roundId) : findActiveCampaignForSchool(db, p.schoolId, p.instrumentId);
}

function campaignSummary(c: Pick<AssignedCampaign, "id" | "title" | "wave" | "starts_on" | "ends_on" | "in_window">) {
  return { id: c.id, title: c.title, wave: c.wave, startsOn: c.starts_on, endsOn: c.ends_on, inWindow: c.in_window };
}

function attemptSummary(a: Pick<AttemptRow, "id" | "status" | "submitted_at" | "percent" | "deadline_at">) {
  return {
    id: a.id, status: a.status,
    ...(a.submitted_at ? { submittedAt: a.submitted_at.toISOString() } : {}),
    ...(a.percent !== null ? { percent: a.percent } : {}),
    ...(a.deadline_at ? { deadlineAt: a.deadline_at.toISOString() } : {}),
  };
}

function audienceOf(loaded: LoadedInstrument): string {
  return loaded.definition.audience[0] ?? "teacher";
}

/** Stores answers to the instrument's own questions only; anything else a client sends is dropped. */
export function keepKnownAnswers(data: Record<string, unknown>, loaded: LoadedInstrument): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) if (loaded.questionNames.has(name) && value !== null) kept[name] = value;
  if (Buffer.byteLength(JSON.stringify(kept)) > MAX_DATA_BYTES) throw new AppError(413, "payload_too_large", "Слишком большой объём ответов");
  return kept;
}

export function toView(row: AttemptRow, codec: AnswerCodec): AttemptView {
  return {
    id: row.id, instrumentId: row.instrument_id, version: row.version, status: row.status, data: codec.toServed(row.data),
    currentPage: row.current_page, startedAt: row.started_at.toISOString(),
    ...(row.submitted_at ? { submittedAt: row.submitted_at.toISOString() } : {}),
    ...(row.deadline_at ? { deadlineAt: row.deadline_at.toISOString() } : {}),
    serverTime: new Date().toISOString(),
  };
}
