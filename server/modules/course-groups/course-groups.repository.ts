// Queries of saved course groups: list within a scope, one group, its members, and the writes of each use case.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export interface GroupRecord {
  id: string; region_id: string; course_id: string; course_title: string; title: string; status: "proposed" | "confirmed";
  starts_on: string | null; ends_on: string | null; min_size: number; max_size: number;
  created_at: Date; confirmed_at: Date | null;
  /** Members visible in the scope asked for, and their municipalities. */
  members: number; municipality_ids: string[];
}

/** A member's municipality: their school's, or their own for someone without a school. */
const memberMunicipality = sql<string>`coalesce((select s.municipality_id from schools s where s.id = u.school_id), u.municipality_id)`;

function selectGroups(db: Kysely<Database>, municipalityId: string | null) {
  const inScope = municipalityId ? sql`and ${memberMunicipality} = ${municipalityId}` : sql``;
  return db.selectFrom("course_groups as g").innerJoin("courses as c", "c.id", "g.course_id")
    .select([
      "g.id", "g.region_id", "g.course_id", "c.title as course_title", "g.title", "g.status", "g.starts_on", "g.ends_on",
      "g.min_size", "g.max_size", "g.created_at", "g.confirmed_at",
      sql<number>`(select count(*)::int from course_group_members cm join users u on u.id = cm.user_id where cm.group_id = g.id ${inScope})`.as("members"),
      sql<string[]>`coalesce((select array_agg(distinct ${memberMunicipality}) from course_group_members cm join users u on u.id = cm.user_id where cm.group_id = g.id ${inScope}), '{}')`.as("municipality_ids"),
    ]);
}

/** Groups of a region (for a coordinator: those with members of their municipality), in the order they were made. */
export async function listGroups(db: Kysely<Database>, regionId: string, f: { municipalityId: string | null; courseId?: string | undefined; status?: "proposed" | "confirmed" | undefined }): Promise<GroupRecord[]> {
  let query = selectGroups(db, f.municipalityId).where("g.region_id", "=", regionId);
  if (f.courseId) query = query.where("g.course_id", "=", f.courseId);
  if (f.status) query = query.where("g.status", "=", f.status);
  const rows = await query.orderBy("c.title").orderBy("g.created_at").orderBy("g.title").execute();
  return f.municipalityId ? rows.filter((r) => r.members > 0) : rows;
}

export async function findGroup(db: Kysely<Database>, id: string, municipalityId: string | null): Promise<GroupRecord | undefined> {
  return selectGroups(db, municipalityId).where("g.id", "=", id).executeTakeFirst();
}

export async function memberIds(db: Kysely<Database>, groupId: string): Promise<string[]> {
  const rows = await db.selectFrom("course_group_members").select("user_id").where("group_id", "=", groupId).orderBy("added_at").orderBy("user_id").execute();
  return rows.map((r) => r.user_id);
}

export async function countCourseGroups(db: Kysely<Database>, regionId: string, courseId: string): Promise<number> {
  const row = await db.selectFrom("course_groups").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("region_id", "=", regionId).where("course_id", "=", courseId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewGroup { regionId: string; courseId: string; title: string; startsOn: string | null; endsOn: string | null; minSize: number; maxSize: number; createdBy: string | null }

export async function insertGroup(db: Kysely<Database>, g: NewGroup): Promise<string> {
  const row = await db.insertInto("course_groups").values({
    region_id: g.regionId, course_id: g.courseId, title: g.title, starts_on: g.startsOn, ends_on: g.endsOn,
    min_size: g.minSize, max_size: g.maxSize, created_by: g.createdBy,
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function insertMembers(db: Kysely<Database>, groupId: string, courseId: string, userIds: readonly string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += 1000) {
    await db.insertInto("course_group_members").values(userIds.slice(i, i + 1000).map((u) => ({ group_id: groupId, user_id: u, course_id: courseId }))).execute();
  }
}

/**
 * Takes a still-proposed group for a change: touches it (so two concurrent changes queue on the
 * row) and answers whether it could, i.e. whether the group is not confirmed.
 */
export async function takeProposed(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.updateTable("course_groups").set({ updated_at: sql<Date>`now()` })
    .where("id", "=", id).where("status", "=", "proposed").executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateGroup(db: Kysely<Database>, id: string, v: { title: string; startsOn: string | null; endsOn: string | null }): Promise<void> {
  await db.updateTable("course_groups").set({ title: v.title, starts_on: v.startsOn, ends_on: v.endsOn }).where("id", "=", id).execute();
}

export async function confirmGroup(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable("course_groups").set({ status: "confirmed", confirmed_at: sql<Date>`now()` }).where("id", "=", id).execute();
}

export async function deleteGroup(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("course_groups").where("id", "=", id).execute();
}

export async function removeMember(db: Kysely<Database>, groupId: string, userId: string): Promise<boolean> {
  const result = await db.deleteFrom("course_group_members").where("group_id", "=", groupId).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Takes people out of whatever group of the course they are in (a move is this, then insertMembers). */
export async function releaseFromCourse(db: Kysely<Database>, courseId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length) await db.deleteFrom("course_group_members").where("course_id", "=", courseId).where("user_id", "in", userIds).execute();
}

export async function countMembers(db: Kysely<Database>, groupId: string): Promise<number> {
  const row = await db.selectFrom("course_group_members").select((eb) => eb.fn.countAll<number>().as("n")).where("group_id", "=", groupId).executeTakeFirstOrThrow();
  return Number(row.n);
}
