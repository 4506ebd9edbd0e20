// The institute's workspace: campaign scopes and assignments, imports, course groups, mentoring details.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Which municipalities border which: groups and mentors may cross a border, not the region.
  await db.schema.createTable("municipality_neighbours")
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id").onDelete("cascade"))
    .addColumn("neighbour_id", "text", (c) => c.notNull().references("municipalities.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("municipality_neighbours_pk", ["municipality_id", "neighbour_id"])
    .addCheckConstraint("municipality_neighbours_not_self", sql`municipality_id <> neighbour_id`)
    .execute();

  // Imported people are found again by their e-mail; mentors may take a different number of mentees.
  await db.schema.alterTable("users").addColumn("email", "text").execute();
  await db.schema.alterTable("users").addColumn("mentor_capacity", "integer", (c) => c.check(sql`mentor_capacity between 0 and 30`)).execute();
  await db.schema.alterTable("users").addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`)).execute();
  await sql`create unique index users_email_unique on users (lower(email)) where email is not null`.execute(db);

  // A coordinator phones the schools that lag behind: their contacts come with the import.
  await db.schema.alterTable("schools")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Several campaigns may run at once (a teacher diagnostic and a climate round); what must not
  // happen is one person assigned the same instrument twice at once, enforced on assignments below.
  await db.schema.dropIndex("campaigns_one_active_per_region").execute();
  await db.schema.alterTable("campaigns")
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("opened_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("target_teachers", "integer", (c) => c.check(sql`target_teachers >= 0`))
    .addColumn("target_principals", "integer", (c) => c.check(sql`target_principals >= 0`))
    .addColumn("target_school_share", "double precision", (c) => c.check(sql`target_school_share between 0 and 1`))
    .execute();
  await db.schema.createIndex("campaigns_region_status_idx").on("campaigns").columns(["region_id", "status"]).execute();

  // A campaign covers the municipalities and schools listed here; with none listed, the whole region.
  await db.schema.createTable("campaign_municipalities")
    .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addPrimaryKeyConstraint("campaign_municipalities_pk", ["campaign_id", "municipality_id"])
    .execute();
  await db.schema.createTable("campaign_schools")
    .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("school_id", "text", (c) => c.notNull().references("schools.id"))
    .addPrimaryKeyConstraint("campaign_schools_pk", ["campaign_id", "school_id"])
    .execute();

  // Who is to take what in a campaign, fixed when it opens (and extended when people are imported
  // into an open campaign's schools). `active` is true while the campaign runs.
  await db.schema.createTable("campaign_assignments")
    .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("instrument_id", "text", (c) => c.notNull().references("instruments.id"))
    .addColumn("school_id", "text", (c) => c.references("schools.id"))
    .addColumn("municipality_id", "text", (c) => c.references("municipalities.id"))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("assigned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("campaign_assignments_pk", ["campaign_id", "user_id", "instrument_id"])
    .execute();
  // The rule itself: nobody holds the same instrument in two running campaigns.
  await db.schema.createIndex("campaign_assignments_one_active").on("campaign_assignments").columns(["user_id", "instrument_id"]).unique()
    .where(sql.ref("active"), "=", true).execute();
  await db.schema.createIndex("campaign_assignments_scope_idx").on("campaign_assignments").columns(["campaign_id", "municipality_id", "school_id"]).execute();
  await db.schema.createIndex("campaign_assignments_user_idx").on("campaign_assignments").column("user_id").execute();

  // Imports: a log of who loaded what, when, with what outcome.
  await db.schema.createTable("import_batches")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('municipalities', 'schools', 'people')`))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("rows", "integer", (c) => c.notNull())
    .addColumn("created", "integer", (c) => c.notNull())
    .addColumn("updated", "integer", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Course groups: proposed by the grouping module, edited by methodologists, then confirmed (locked).
  await db.schema.createTable("course_groups")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("course_id", "text", (c) => c.notNull().references("courses.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("proposed").check(sql`status in ('proposed', 'confirmed')`))
    .addColumn("starts_on", "date")
    .addColumn("ends_on", "date")
    .addColumn("min_size", "integer", (c) => c.notNull().defaultTo(15))
    .addColumn("max_size", "integer", (c) => c.notNull().defaultTo(25))
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("confirmed_at", "timestamptz")
    .addCheckConstraint("course_groups_dates", sql`starts_on is null or ends_on is null or starts_on <= ends_on`)
    .addCheckConstraint("course_groups_sizes", sql`min_size >= 1 and min_size <= max_size`)
    .addCheckConstraint("course_groups_confirmed", sql`(status = 'confirmed') = (confirmed_at is not null)`)
    .execute();
  await db.schema.createIndex("course_groups_region_course_idx").on("course_groups").columns(["region_id", "course_id"]).execute();
  await db.schema.createTable("course_group_members")
    .addColumn("group_id", "uuid", (c) => c.notNull().references("course_groups.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // Repeated from the group so that the database itself keeps a person in one group per course.
    .addColumn("course_id", "text", (c) => c.notNull().references("courses.id"))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("course_group_members_pk", ["group_id", "user_id"])
    .execute();
  await db.schema.createIndex("course_group_members_one_per_course").on("course_group_members").columns(["course_id", "user_id"]).unique().execute();
  await db.schema.createIndex("course_group_members_user_idx").on("course_group_members").column("user_id").execute();

  // Mentor pairs keep why they were made and how they ended.
  await db.schema.alterTable("mentor_assignments")
    .addColumn("reason", "text")
    .addColumn("subject", "text")
    .addColumn("ended_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mentor_assignments").dropColumn("reason").dropColumn("subject").dropColumn("ended_by").execute();
  for (const table of ["course_group_members", "course_groups", "import_batches", "campaign_assignments", "campaign_schools", "campaign_municipalities"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("campaigns_region_status_idx").execute();
  await db.schema.alterTable("campaigns").dropColumn("created_by").dropColumn("opened_at").dropColumn("closed_at")
    .dropColumn("target_teachers").dropColumn("target_principals").dropColumn("target_school_share").execute();
  await db.schema.createIndex("campaigns_one_active_per_region").on("campaigns").column("region_id").unique()
    .where(sql.ref("status"), "=", "active").execute();
  await sql`drop index users_email_unique`.execute(db);
  await db.schema.alterTable("schools").dropColumn("phone").dropColumn("email").dropColumn("updated_at").execute();
  await db.schema.alterTable("users").dropColumn("email").dropColumn("mentor_capacity").dropColumn("updated_at").execute();
  await db.schema.dropTable("municipality_neighbours").execute();
}
