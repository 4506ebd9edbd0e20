// Attempts with their answers and scores, results per competency, and mentor assignments.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("attempts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Null for anonymous questionnaires: no identity is stored, only the school and the audience.
    .addColumn("user_id", "uuid", (c) => c.references("users.id").onDelete("cascade"))
    // An anonymous respondent proves it is the same browser by a digest of its token's random id.
    .addColumn("respondent_key", "text")
    .addColumn("school_id", "text", (c) => c.references("schools.id"))
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("instrument_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("in_progress").check(sql`status in ('in_progress', 'submitted')`))
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("current_page", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("deadline_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("submitted_at", "timestamptz")
    .addColumn("score", "double precision")
    .addColumn("max_score", "double precision")
    .addColumn("percent", "double precision")
    .addColumn("item_scores", "jsonb")
    .addForeignKeyConstraint("attempts_version_fk", ["instrument_id", "version"], "instrument_versions", ["instrument_id", "version"])
    .addCheckConstraint("attempts_owner", sql`(user_id is null) <> (respondent_key is null)`)
    .addCheckConstraint("attempts_submitted_consistent", sql`(status = 'submitted') = (submitted_at is not null)`)
    .execute();
  // One attempt per person, instrument and campaign: a second start resumes, a second submit repeats.
  await db.schema.createIndex("attempts_one_per_person").on("attempts").columns(["user_id", "instrument_id", "campaign_id"]).unique()
    .where(sql.ref("user_id"), "is not", null).execute();
  await db.schema.createIndex("attempts_campaign_idx").on("attempts").columns(["campaign_id", "instrument_id", "status"]).execute();
  await db.schema.createIndex("attempts_school_idx").on("attempts").columns(["school_id", "instrument_id"]).execute();

  await db.schema.createTable("competency_results")
    .addColumn("attempt_id", "uuid", (c) => c.notNull().references("attempts.id").onDelete("cascade"))
    .addColumn("competency_id", "text", (c) => c.notNull().references("competencies.id"))
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("max_score", "double precision", (c) => c.notNull())
    .addColumn("percent", "double precision", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('deficit', 'partial', 'proficient')`))
    .addColumn("items", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("competency_results_pk", ["attempt_id", "competency_id"])
    .execute();
  await db.schema.createIndex("competency_results_competency_idx").on("competency_results").columns(["competency_id", "level"]).execute();

  await db.schema.createTable("mentor_assignments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("mentor_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("mentee_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_by", "uuid", (c) => c.references("users.id"))
    .addColumn("assigned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ended_at", "timestamptz")
    .addCheckConstraint("mentor_not_self", sql`mentor_id <> mentee_id`)
    .execute();
  // A mentee has at most one current mentor.
  await db.schema.createIndex("mentor_assignments_one_current").on("mentor_assignments").column("mentee_id").unique()
    .where(sql.ref("ended_at"), "is", null).execute();
  await db.schema.createIndex("mentor_assignments_mentor_idx").on("mentor_assignments").column("mentor_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["mentor_assignments", "competency_results", "attempts"]) await db.schema.dropTable(table).execute();
}
