// Meetings use cases: the current mentor records, changes and deletes their own; the person and readers see them all.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { badRequest, forbidden, notFound } from "../../shared/app-error.js";
import { isoDay } from "../../shared/dates.js";
import type { Principal } from "../auth/principal.js";
import { notify } from "../notifications/notify.js";
import * as repo from "./meetings.repository.js";
import type { CreateMeeting, MeetingView, PatchMeeting } from "./meetings.schemas.js";
import { mentorAccess, readAccess, type PlanMode } from "./plan-access.js";

const EARLIEST = "2020-01-01";

/**
 * A meeting is recorded after it was held: not later than tomorrow (UTC), so that a mentor in the
 * Far East, whose today is the server's tomorrow, can still record today's meeting.
 */
export function checkHeldOn(heldOn: string | undefined): void {
  if (heldOn === undefined) return;
  if (heldOn > isoDay(1)) throw badRequest("Дата встречи ещё не наступила: записывайте встречи, которые уже прошли", "meeting_in_future");
  if (heldOn < EARLIEST) throw badRequest(`Дата встречи ${heldOn} слишком ранняя`, "invalid_date");
}

function cleanTopic(topic: string): string {
  const clean = topic.replace(/\s+/g, " ").trim();
  if (!clean) throw badRequest("Тема встречи не может быть пустой", "invalid_topic");
  return clean;
}

function toView(r: repo.MeetingRow, viewerId: string, mode: PlanMode): MeetingView {
  return {
    id: r.id, heldOn: r.held_on, topic: r.topic, ...(r.agreed ? { agreed: r.agreed } : {}),
    ...(r.mentor_id && r.mentor_name ? { mentor: { id: r.mentor_id, name: r.mentor_name } } : {}),
    mine: mode === "mentor" && r.mentor_id === viewerId, createdAt: new Date(r.created_at).toISOString(),
  };
}

export class MeetingsService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(viewer: Principal | null, menteeId: string) {
    const access = await readAccess(this.db, viewer, menteeId);
    const rows = await repo.listMeetings(this.db, menteeId);
    return {
      userId: menteeId, mode: access.mode, ...(rows[0] ? { lastHeldOn: rows[0].held_on } : {}),
      meetings: rows.map((r) => toView(r, access.viewer.id, access.mode)),
    };
  }

  async create(viewer: Principal | null, menteeId: string, body: CreateMeeting): Promise<MeetingView> {
    const access = await mentorAccess(this.db, viewer, menteeId);
    checkHeldOn(body.heldOn);
    const topic = cleanTopic(body.topic);
    const id = await this.db.transaction().execute(async (trx) => {
      const meetingId = await repo.insertMeeting(trx, { menteeId, mentorId: access.viewer.id, heldOn: body.heldOn, topic, agreed: body.agreed?.trim() || null });
      await notify(trx, menteeId, {
        kind: "meeting-recorded", title: "Наставник записал встречу",
        body: `${body.heldOn.split("-").reverse().join(".")}: «${topic}»${body.agreed?.trim() ? `. Договорились: ${body.agreed.trim()}` : ""}`, link: "/plan#meetings",
      });
      return meetingId;
    });
    return toView((await repo.findMeeting(this.db, menteeId, id))!, access.viewer.id, access.mode);
  }

  async update(viewer: Principal | null, menteeId: string, meetingId: string, body: PatchMeeting): Promise<MeetingView> {
    const access = await this.own(viewer, menteeId, meetingId);
    checkHeldOn(body.heldOn);
    await repo.updateMeeting(this.db, meetingId, {
      ...(body.heldOn !== undefined ? { heldOn: body.heldOn } : {}),
      ...(body.topic !== undefined ? { topic: cleanTopic(body.topic) } : {}),
      ...(body.agreed !== undefined ? { agreed: body.agreed?.trim() || null } : {}),
    });
    return toView((await repo.findMeeting(this.db, menteeId, meetingId))!, access.viewer.id, access.mode);
  }

  async remove(viewer: Principal | null, menteeId: string, meetingId: string): Promise<void> {
    await this.own(viewer, menteeId, meetingId);
    await repo.deleteMeeting(this.db, meetingId);
  }

  /** The current mentor's own meeting with this mentee; another mentor's (an earlier pair's) is theirs to keep. */
  private async own(viewer: Principal | null, menteeId: string, meetingId: string) {
    const access = await mentorAccess(this.db, viewer, menteeId);
    const row = await repo.findMeeting(this.db, menteeId, meetingId);
    if (!row) throw notFound("Встреча не найдена", "meeting_not_found");
    if (row.mentor_id !== access.viewer.id) throw forbidden("Изменить встречу может только наставник, который её записал", "not_meeting_author");
    return access;
  }
}
