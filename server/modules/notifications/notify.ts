// The one way other modules tell a person something in the page: a row of notifications, written inside their transaction.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { SubjectCode } from "../instruments/instrument.types.js";
import { SUBJECT_NAMES } from "../../shared/labels.js";

/** What happened, for the bell's icon and for tests; the words people read are in `title` and `body`. */
export type NotificationKind = "mentor-assigned" | "plan-item-added" | "plan-drafted" | "meeting-recorded" | "plan-item-done" | "wave-result";

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  body?: string | undefined;
  /** A path inside the client ("/plan", "/people/…"); never another site. */
  link?: string | undefined;
}

const TITLE_MAX = 300;
const BODY_MAX = 1000;

/** Only paths of this client: a link from a notification never leads to another origin. */
export const isInternalLink = (link: string): boolean => /^\/(?![/\\])[^\s]*$/.test(link) && link.length <= 500;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Writes one notification. Called with the caller's transaction, so a notification exists exactly when
 * the change it tells about was committed.
 */
export async function notify(db: Kysely<Database>, userId: string, n: NotificationInput): Promise<void> {
  if (n.link !== undefined && !isInternalLink(n.link)) throw new Error(`notification link must be a path of the client: ${n.link}`);
  await db.insertInto("notifications").values({
    user_id: userId, kind: n.kind, title: clip(n.title.trim(), TITLE_MAX),
    body: n.body?.trim() ? clip(n.body.trim(), BODY_MAX) : null, link: n.link ?? null,
  }).execute();
}

/** The page of a mentee as their mentor opens it. */
export const menteeLink = (menteeId: string): string => `/people/${encodeURIComponent(menteeId)}`;

/**
 * A mentee's new result in a monitoring wave, told to their current mentor (if any). For the waves'
 * code: call it inside the transaction that submits the attempt. Returns whether someone was told.
 */
export async function notifyMentorOfResult(
  db: Kysely<Database>, menteeId: string, r: { instrumentTitle: string; waveTitle?: string | undefined },
): Promise<boolean> {
  const row = await db.selectFrom("mentor_assignments as m").innerJoin("users as u", "u.id", "m.mentee_id")
    .select(["m.mentor_id", "u.full_name"]).where("m.mentee_id", "=", menteeId).where("m.ended_at", "is", null).executeTakeFirst();
  if (!row) return false;
  await notify(db, row.mentor_id, {
    kind: "wave-result",
    title: `Новый результат: ${row.full_name}`,
    body: `${r.instrumentTitle}${r.waveTitle ? ` (${r.waveTitle})` : ""}: результаты по компетенциям обновлены.`,
    link: menteeLink(menteeId),
  });
  return true;
}

/** The teacher's notification of a confirmed pair (mentoring.service.ts sends it in the pair's transaction). */
export function mentorAssigned(mentorName: string, schoolName: string | null, subject: string | null): NotificationInput {
  const subjectTitle = subject ? SUBJECT_NAMES[subject as SubjectCode] : undefined;
  return {
    kind: "mentor-assigned",
    title: `Вам назначен наставник: ${mentorName}`,
    body: [subjectTitle ? `Предмет: ${subjectTitle}.` : "", schoolName ? `Школа наставника: ${schoolName}.` : "", "Наставник увидит ваш профиль и план и поможет с дефицитами."].filter(Boolean).join(" "),
    link: "/plan",
  };
}
