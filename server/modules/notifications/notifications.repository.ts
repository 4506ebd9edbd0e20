// Every query of notifications: a person's latest, the unread count, marking read.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export const LIST_LIMIT = 50;

export async function listNotifications(db: Kysely<Database>, userId: string, unreadOnly: boolean) {
  let q = db.selectFrom("notifications").select(["id", "kind", "title", "body", "link", "created_at", "read_at"])
    .where("user_id", "=", userId);
  if (unreadOnly) q = q.where("read_at", "is", null);
  return q.orderBy("created_at", "desc").orderBy("seq", "desc").limit(LIST_LIMIT).execute();
}
export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

export async function countUnread(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db.selectFrom("notifications").select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", userId).where("read_at", "is", null).executeTakeFirstOrThrow();
  return row.n;
}

/** Marks the person's own notifications read (all when `ids` is null); ids of others match nothing. */
export async function markRead(db: Kysely<Database>, userId: string, ids: string[] | null): Promise<number> {
  if (ids && !ids.length) return 0;
  let q = db.updateTable("notifications").set({ read_at: sql<Date>`now()` }).where("user_id", "=", userId).where("read_at", "is", null);
  if (ids) q = q.where("id", "in", ids);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
