// The mentor's list of mentees: its type (the server's schema), the call, and the figures the page sums up.
import type { Static } from "@sinclair/typebox";
import type { MyMenteeSchema } from "../../../../server/modules/mentoring/mentoring.schemas";
import { apiRequest } from "../../lib/api";

export type Mentee = Static<typeof MyMenteeSchema>;

export const menteesApi = {
  list: () => apiRequest<Mentee[]>("GET", "/api/mentor/mentees"),
};

const DAY = 86_400_000;

/** Whole days from a "YYYY-MM-DD" day to today, both in the viewer's own calendar. */
export function daysSince(day: string, now: Date = new Date()): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((today - Date.UTC(y, m - 1, d)) / DAY);
}

/** A mentor should meet each mentee at least monthly: those past it are counted at the top of the page. */
export const MEETING_GAP_DAYS = 30;

export function totals(mentees: readonly Mentee[], now: Date = new Date()) {
  let unread = 0, done = 0, total = 0, overdue = 0, noRecentMeeting = 0;
  for (const m of mentees) {
    unread += m.unread;
    done += m.plan.done;
    total += m.plan.total;
    overdue += m.plan.overdue;
    if (!m.lastMeetingOn || daysSince(m.lastMeetingOn, now) > MEETING_GAP_DAYS) noRecentMeeting += 1;
  }
  return { unread, done, total, overdue, noRecentMeeting };
}
