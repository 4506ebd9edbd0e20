// What attempts answer with, and the rules that need no database: views, kept answers, refusals. Pure.
import { createHash } from "node:crypto";
import type { AttemptRow, CampaignRow } from "../../db/schema.js";
import { AppError, conflict, notFound } from "../../shared/app-error.js";
import { ruDate } from "../../shared/dates.js";
import type { AnswerCodec } from "../instruments/answer-codec.js";
import type { LoadedInstrument } from "../instruments/registry.js";
import type { Level } from "../scoring/scorer.js";
import type { AttemptFacts, AttemptViewRow, SavedRow } from "./attempts.repository.js";

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

/** Answers to keep in the file's values, their JSON text (measured for the limit, then written as it is), and in the browser's values. */
export interface KeptAnswers { answers: Record<string, unknown>; json: string; served: Record<string, unknown> }

/**
 * Stores answers to the instrument's own questions only; anything else a client sends is dropped.
 * One pass: only rankings go through the codec (to the file's values, and back for the answer to the
 * browser); every other answer is the same both ways, so most saves build one object, not three.
 */
export function keepKnownAnswers(data: Record<string, unknown>, loaded: LoadedInstrument): KeptAnswers {
  const answers: Record<string, unknown> = {};
  let served: Record<string, unknown> | undefined;
  for (const name in data) {
    if (!Object.hasOwn(data, name) || !loaded.questionNames.has(name)) continue;
    const value = data[name];
    if (value === null || value === undefined) continue;
    if (!loaded.translated.has(name)) {
      answers[name] = value;
      if (served) served[name] = value;
      continue;
    }
    const stored = loaded.codec.toStored({ [name]: value })[name];
    answers[name] = stored;
    served ??= { ...answers };
    served[name] = loaded.codec.toServed({ [name]: stored })[name];
  }
  const json = JSON.stringify(answers);
  if (Buffer.byteLength(json) > MAX_DATA_BYTES) throw new AppError(413, "payload_too_large", "Слишком большой объём ответов");
  return { answers, json, served: served ?? answers };
}

export function toView(row: AttemptViewRow, codec: AnswerCodec): AttemptView {
  return {
    id: row.id, instrumentId: row.instrument_id, version: row.version, status: row.status, data: codec.toServed(row.data),
    currentPage: row.current_page, startedAt: row.started_at.toISOString(),
    ...(row.submitted_at ? { submittedAt: row.submitted_at.toISOString() } : {}),
    ...(row.deadline_at ? { deadlineAt: row.deadline_at.toISOString() } : {}),
    serverTime: new Date().toISOString(),
  };
}

/**
 * An autosave's answer, the attempt as toView shows it: in progress, with the answers just written
 * (in the browser's values) rather than read back from the row.
 */
export function savedView(id: string, facts: AttemptFacts, row: SavedRow, served: Record<string, unknown>): AttemptView {
  return {
    id, instrumentId: facts.instrument_id, version: facts.version, status: "in_progress", data: served,
    currentPage: row.current_page, startedAt: facts.started_at.toISOString(),
    ...(facts.deadline_at ? { deadlineAt: facts.deadline_at.toISOString() } : {}),
    serverTime: new Date().toISOString(),
  };
}

export function campaignSummary(c: { id: string; title: string; wave: string; starts_on: string; ends_on: string; in_window: boolean }) {
  return { id: c.id, title: c.title, wave: c.wave, startsOn: c.starts_on, endsOn: c.ends_on, inWindow: c.in_window };
}

export function attemptSummary(a: Pick<AttemptRow, "id" | "status" | "submitted_at" | "percent" | "deadline_at">) {
  return {
    id: a.id, status: a.status,
    ...(a.submitted_at ? { submittedAt: a.submitted_at.toISOString() } : {}),
    ...(a.percent !== null ? { percent: a.percent } : {}),
    ...(a.deadline_at ? { deadlineAt: a.deadline_at.toISOString() } : {}),
  };
}

export function audienceOf(loaded: LoadedInstrument): string {
  return loaded.definition.audience[0] ?? "teacher";
}

export const attemptNotFound = () => notFound("Попытка не найдена", "attempt_not_found");
export const alreadySubmitted = () => conflict("Ответы уже отправлены, изменить их нельзя", "already_submitted");
export const timeOver = () => conflict("Время на выполнение истекло: ответы сохранены на момент окончания времени", "time_over");

/** A closed campaign, or one whose last day is past, takes no more answers; what was saved stays. */
export function campaignClosed(campaign: { status: CampaignRow["status"]; ends_on: string } | undefined): AppError {
  return conflict(
    campaign?.status === "active"
      ? `Срок диагностики закончился ${ruDate(campaign.ends_on)}: сохранённые ответы остаются, но изменить или отправить их нельзя`
      : "Мониторинг закрыт: сохранённые ответы остаются, но изменить или отправить их нельзя",
    "campaign_closed",
  );
}
