// Every query of plans: items with their names and groups, history events, the draft's inputs, contacts.
import { sql, type Kysely } from "kysely";
import type { Database, PlanItemKind, PlanItemStatus } from "../../db/schema.js";

function selectItems(db: Kysely<Database>) {
  return db.selectFrom("plan_items as i")
    .leftJoin("competencies as c", "c.id", "i.competency_id")
    .leftJoin("course_groups as g", "g.id", "i.group_id")
    .leftJoin("courses as co", "co.id", "i.course_id")
    .leftJoin("users as cb", "cb.id", "i.created_by")
    .leftJoin("users as ub", "ub.id", "i.updated_by")
    .select([
      "i.id", "i.user_id", "i.competency_id", "c.title as competency_title", "i.kind", "i.title", "i.due_on", "i.status",
      "i.course_id", "co.competencies as course_competencies", "i.group_id", "g.title as group_title", "g.starts_on as group_starts_on", "g.ends_on as group_ends_on",
      "i.resource_url", "i.created_by", "cb.full_name as created_by_name", "i.created_at", "i.updated_by", "ub.full_name as updated_by_name", "i.updated_at",
      // Someone other than its author has changed it: then it belongs to the shared plan and is dropped, not deleted.
      // Narrowed by the person first, so the (user_id, at) index finds the plan's few events.
      sql<boolean>`exists (select 1 from plan_item_events e where e.user_id = i.user_id and e.item_id = i.id and e.actor_id is distinct from i.created_by)`.as("touched_by_others"),
      sql<boolean>`exists (select 1 from plan_evidence v where v.item_id = i.id)`.as("has_evidence"),
    ]);
}
export type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>["executeTakeFirstOrThrow"]>>;

/** Open items first by due date; done and dropped at the end. */
export async function listItems(db: Kysely<Database>, userId: string): Promise<ItemRow[]> {
  return selectItems(db).where("i.user_id", "=", userId)
    .orderBy(sql`case i.status when 'in-progress' then 0 when 'planned' then 1 when 'done' then 2 else 3 end`)
    .orderBy(sql`i.due_on nulls last`).orderBy("i.created_at").orderBy("i.id").execute();
}

export async function findItem(db: Kysely<Database>, userId: string, itemId: string): Promise<ItemRow | undefined> {
  return selectItems(db).where("i.user_id", "=", userId).where("i.id", "=", itemId).executeTakeFirst();
}

/** The row lock of an item: two edits of one item take turns, so each diff is against what the other wrote. */
export async function lockItem(db: Kysely<Database>, userId: string, itemId: string): Promise<boolean> {
  const row = await db.selectFrom("plan_items").select("id").where("user_id", "=", userId).where("id", "=", itemId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export interface NewItem {
  userId: string; kind: PlanItemKind; title: string; competencyId: string | null; dueOn: string | null;
  courseId: string | null; groupId: string | null; resourceUrl: string | null; actorId: string;
}

export async function insertItem(db: Kysely<Database>, v: NewItem): Promise<string> {
  const row = await db.insertInto("plan_items").values({
    user_id: v.userId, kind: v.kind, title: v.title, competency_id: v.competencyId, due_on: v.dueOn, course_id: v.courseId,
    group_id: v.groupId, resource_url: v.resourceUrl, created_by: v.actorId, updated_by: v.actorId, updated_at: new Date(),
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export interface ItemChanges {
  title?: string; status?: PlanItemStatus; dueOn?: string | null; competencyId?: string | null; resourceUrl?: string | null; groupId?: string | null;
}

export async function updateItem(db: Kysely<Database>, itemId: string, actorId: string, c: ItemChanges): Promise<void> {
  await db.updateTable("plan_items").set({
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.status !== undefined ? { status: c.status } : {}),
    ...(c.dueOn !== undefined ? { due_on: c.dueOn } : {}),
    ...(c.competencyId !== undefined ? { competency_id: c.competencyId } : {}),
    ...(c.resourceUrl !== undefined ? { resource_url: c.resourceUrl } : {}),
    ...(c.groupId !== undefined ? { group_id: c.groupId } : {}),
    updated_by: actorId, updated_at: sql<Date>`now()`,
  }).where("id", "=", itemId).execute();
}

export async function deleteItem(db: Kysely<Database>, itemId: string): Promise<void> {
  await db.deleteFrom("plan_items").where("id", "=", itemId).execute();
}

export async function insertEvent(db: Kysely<Database>, e: { itemId: string; userId: string; actorId: string; action: string; changes: Record<string, unknown> }): Promise<void> {
  await db.insertInto("plan_item_events").values({
    item_id: e.itemId, user_id: e.userId, actor_id: e.actorId, action: e.action, changes: JSON.stringify(e.changes),
  }).execute();
}

export async function listEvents(db: Kysely<Database>, userId: string, limit: number, offset: number) {
  return db.selectFrom("plan_item_events as e").innerJoin("plan_items as i", "i.id", "e.item_id").leftJoin("users as a", "a.id", "e.actor_id")
    .select(["e.id", "e.item_id", "i.title as item_title", "e.action", "e.changes", "e.at", "e.actor_id", "a.full_name as actor_name"])
    .where("e.user_id", "=", userId)
    .orderBy("e.at", "desc").orderBy("e.id", "desc").limit(limit).offset(offset).execute();
}

export async function countEvents(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db.selectFrom("plan_item_events").select(sql<number>`count(*)::int`.as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow();
  return row.n;
}

export async function competencyTitles(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom("competencies").select(["id", "title"]).where("id", "in", [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function courseExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom("courses").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

/** Confirmed course groups the person is a member of: a proposed group may still change, so it is not planned on. */
export async function confirmedGroupsOf(db: Kysely<Database>, userId: string) {
  return db.selectFrom("course_group_members as m").innerJoin("course_groups as g", "g.id", "m.group_id").innerJoin("courses as c", "c.id", "g.course_id")
    .select(["g.id", "g.course_id", "c.title as course_title", "g.starts_on", "g.ends_on"])
    .where("m.user_id", "=", userId).where("g.status", "=", "confirmed").orderBy("g.starts_on").execute();
}

/** Takes the person's row lock: two drafts of one plan take turns, so the second sees the first's items. */
export async function lockPerson(db: Kysely<Database>, userId: string): Promise<void> {
  await db.selectFrom("users").select("id").where("id", "=", userId).forUpdate().execute();
}

export async function draftExisting(db: Kysely<Database>, userId: string) {
  return db.selectFrom("plan_items").select(["id", "kind", "competency_id", "course_id", "group_id", "due_on", "status"]).where("user_id", "=", userId).execute();
}

/** The current mentor and how to reach them: their e-mail and their school's phone. */
export async function mentorContact(db: Kysely<Database>, menteeId: string) {
  return db.selectFrom("mentor_assignments as m").innerJoin("users as u", "u.id", "m.mentor_id").leftJoin("schools as s", "s.id", "u.school_id")
    .select(["u.id", "u.full_name", "u.email", "s.short_name as school_name", "s.phone as school_phone"])
    .where("m.mentee_id", "=", menteeId).where("m.ended_at", "is", null).executeTakeFirst();
}
