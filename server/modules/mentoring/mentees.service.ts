// The mentor's workspace: their current mentees, each with deficits, latest result, plan progress, last meeting and unread news.
import type { Kysely } from "kysely";
import type { Database, Wave } from "../../db/schema.js";
import { isoDay } from "../../shared/dates.js";
import { menteeLink } from "../notifications/notify.js";
import type { MyMenteeView } from "./mentoring.schemas.js";
import * as repo from "./mentoring.repository.js";
import * as workspace from "./mentees.repository.js";

const optional = <K extends string, V>(key: K, value: V | null | undefined) => (value === null || value === undefined || value === "" ? {} : { [key]: value }) as Partial<Record<K, V>>;
const iso = (d: Date | string) => new Date(d).toISOString();
const byKey = <R, K extends keyof R>(rows: R[], key: K) => new Map(rows.map((r) => [r[key] as unknown as string, r]));

export class MenteesService {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The signed-in mentor's current mentees. Six statements whatever their number: the pairs, then one
   * set-based query per kind of fact for all of them together.
   */
  async menteesOf(mentorId: string): Promise<MyMenteeView[]> {
    const pairs = await repo.listPairs(this.db, null, { mentorId });
    if (!pairs.length) return [];
    const ids = pairs.map((p) => p.mentee_id);
    const [deficits, attempts, plans, meetings, unread, emails] = await Promise.all([
      repo.latestDeficits(this.db, ids),
      workspace.latestAttempts(this.db, ids),
      workspace.planCounts(this.db, ids, isoDay()),
      workspace.meetingCounts(this.db, ids),
      workspace.unreadByLink(this.db, mentorId, ids.map(menteeLink)),
      workspace.emails(this.db, ids),
    ]);
    const latest = byKey(attempts, "user_id"), plan = byKey(plans, "user_id"), met = byKey(meetings, "mentee_id");
    const news = byKey(unread.map((u) => ({ ...u, link: u.link ?? "" })), "link"), mail = byKey(emails, "id");

    return pairs.map((p) => {
      // A method competency measured by two tests counts once, at its weakest (rows come weakest first).
      const own = new Map<string, { id: string; title: string; percent: number }>();
      for (const d of deficits) if (d.user_id === p.mentee_id && !own.has(d.competency_id)) own.set(d.competency_id, { id: d.competency_id, title: d.title, percent: d.percent });
      const a = latest.get(p.mentee_id), pl = plan.get(p.mentee_id), m = met.get(p.mentee_id);
      return {
        userId: p.mentee_id, name: p.mentee_name, ...optional("schoolId", p.mentee_school_id),
        deficits: [...own.keys()], deficitTitles: [...own.values()],
        ...optional("schoolName", p.mentee_school_name), ...optional("municipalityName", p.mentee_municipality_name),
        subjects: p.mentee_subjects, ...optional("subject", p.subject), since: iso(p.assigned_at), ...optional("reason", p.reason),
        ...optional("email", mail.get(p.mentee_id)?.email),
        ...(a && a.submitted_at && a.percent !== null ? {
          latestResult: {
            measuredAt: iso(a.submitted_at), percent: a.percent, instrumentId: a.instrument_id, instrumentTitle: a.instrument_title,
            ...optional("campaignTitle", a.campaign_title), ...optional<"wave", Wave>("wave", a.wave),
          },
        } : {}),
        plan: {
          total: pl?.total ?? 0, done: pl?.done ?? 0, inProgress: pl?.in_progress ?? 0, overdue: pl?.overdue ?? 0,
          ...(pl?.changed_at ? { changedAt: iso(pl.changed_at) } : {}),
        },
        ...optional("lastMeetingOn", m?.last_held_on), meetings: m?.meetings ?? 0,
        unread: news.get(menteeLink(p.mentee_id))?.unread ?? 0,
      };
    });
  }
}
