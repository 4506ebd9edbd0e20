// Individual development plans (ИОМ) with their history and evidence, mentors' meetings, and in-page notifications.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("plan_items")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The teacher whose plan it is.
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("competency_id", "text", (c) => c.references("competencies.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('course', 'seminar', 'consultation', 'lesson-observation', 'open-lesson', 'self-study')`))
    .addColumn("title", "text", (c) => c.notNull().check(sql`length(title) between 1 and 300`))
    .addColumn("due_on", "date")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned").check(sql`status in ('planned', 'in-progress', 'done', 'dropped')`))
    .addColumn("course_id", "text", (c) => c.references("courses.id"))
    .addColumn("group_id", "uuid", (c) => c.references("course_groups.id").onDelete("set null"))
    .addColumn("resource_url", "text")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("plan_items_user_idx").on("plan_items").columns(["user_id", "status"]).execute();

  // Every change of a plan: who made it, when, and what changed (the plan's own history).
  await db.schema.createTable("plan_item_events")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("item_id", "uuid", (c) => c.notNull().references("plan_items.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("actor_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("changes", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("plan_item_events_user_idx").on("plan_item_events").columns(["user_id", "at"]).execute();

  // Evidence of a plan item: a note, a link, or a small file kept in the database (never served as a page).
  await db.schema.createTable("plan_evidence")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("item_id", "uuid", (c) => c.notNull().references("plan_items.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('note', 'link', 'file')`))
    .addColumn("note", "text")
    .addColumn("url", "text")
    .addColumn("file_name", "text")
    .addColumn("content_type", "text")
    .addColumn("size", "integer", (c) => c.check(sql`size >= 0 and size <= 5242880`))
    .addColumn("content", "bytea")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("plan_evidence_shape", sql`(kind = 'note' and note is not null) or (kind = 'link' and url is not null) or (kind = 'file' and content is not null and file_name is not null and content_type is not null)`)
    .execute();
  await db.schema.createIndex("plan_evidence_item_idx").on("plan_evidence").column("item_id").execute();

  // A mentor's meetings with a mentee: when, about what, what was agreed.
  await db.schema.createTable("mentor_meetings")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("mentee_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("mentor_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("held_on", "date", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull().check(sql`length(topic) between 1 and 300`))
    .addColumn("agreed", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("mentor_meetings_mentee_idx").on("mentor_meetings").columns(["mentee_id", "held_on"]).execute();

  // Notifications shown in the page: a new mentor, a plan item, a meeting, a new wave's result.
  await db.schema.createTable("notifications")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Insertion order: two notifications of one moment still list in the order they were made.
    .addColumn("seq", "bigint", (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text")
    .addColumn("link", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "created_at", "seq"]).execute();
  await db.schema.createIndex("notifications_unread_idx").on("notifications").column("user_id").where(sql.ref("read_at"), "is", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["notifications", "mentor_meetings", "plan_evidence", "plan_item_events", "plan_items"]) {
    await db.schema.dropTable(table).execute();
  }
}
