// Queries of the mentor's workspace: for all of a mentor's mentees at once, their latest results, plans, meetings and unread news.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

/**
 * Each function takes the whole list of mentees and answers in one statement: the list costs the same
 * number of round trips for one mentee as for thirty.
 */

/** Each person's latest submitted attempt: its day, its overall percent, the test and the campaign's wave. */
export async function latestAttempts(db: Kysely<Database>, userIds: string[]) {
  if (!userIds.length) return [];
  const latest = db.selectFrom("attempts").select(["id", "user_id", "instrument_id", "campaign_id", "percent", "submitted_at"])
    .distinctOn("user_id").where("user_id", "in", userIds).where("status", "=", "submitted")
    .orderBy("user_id").orderBy("submitted_at", "desc").orderBy("id");
  return db.selectFrom(latest.as("a")).innerJoin("instruments as i", "i.id", "a.instrument_id").leftJoin("campaigns as c", "c.id", "a.campaign_id")
    .select(["a.user_id", "a.instrument_id", "i.title as instrument_title", "a.percent", "a.submitted_at", "c.title as campaign_title", "c.wave"])
    .execute();
}

/** Items of each plan by state; `overdue` are the open items due before `today` (as a plan item's `overdue` is). */
export async function planCounts(db: Kysely<Database>, userIds: string[], today: string) {
  if (!userIds.length) return [];
  return db.selectFrom("plan_items").select([
    "user_id",
    sql<number>`count(*) filter (where status <> 'dropped')::int`.as("total"),
    sql<number>`count(*) filter (where status = 'done')::int`.as("done"),
    sql<number>`count(*) filter (where status = 'in-progress')::int`.as("in_progress"),
    sql<number>`count(*) filter (where status in ('planned', 'in-progress') and due_on < ${today})::int`.as("overdue"),
    sql<Date | string | null>`max(updated_at)`.as("changed_at"),
  ]).where("user_id", "in", userIds).groupBy("user_id").execute();
}

/** The meetings with each mentee (by any mentor: the teacher's history goes on with a new mentor). */
export async function meetingCounts(db: Kysely<Database>, menteeIds: string[]) {
  if (!menteeIds.length) return [];
  return db.selectFrom("mentor_meetings").select(["mentee_id", sql<string>`max(held_on)`.as("last_held_on"), sql<number>`count(*)::int`.as("meetings")])
    .where("mentee_id", "in", menteeIds).groupBy("mentee_id").execute();
}

/**
 * The mentor's unread notifications about each mentee: those that link to the mentee's page (an item
 * done, a new wave's result). The unread partial index narrows to the mentor's few unread rows.
 */
export async function unreadByLink(db: Kysely<Database>, mentorId: string, links: string[]) {
  if (!links.length) return [];
  return db.selectFrom("notifications").select(["link", sql<number>`count(*)::int`.as("unread")])
    .where("user_id", "=", mentorId).where("read_at", "is", null).where("link", "in", links).groupBy("link").execute();
}

/** E-mails of the mentees, for «написать» in the list. */
export async function emails(db: Kysely<Database>, userIds: string[]) {
  if (!userIds.length) return [];
  return db.selectFrom("users").select(["id", "email"]).where("id", "in", userIds).where("email", "is not", null).execute();
}
