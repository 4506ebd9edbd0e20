// The school side: anonymous climate rounds, the schools' exam results, and what anonymity asks of stored rows.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A round: one school, one audience, one campaign; its codes are handed out on paper.
  await db.schema.createTable("climate_rounds")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("school_id", "text", (c) => c.notNull().references("schools.id"))
    .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id"))
    .addColumn("instrument_id", "text", (c) => c.notNull().references("instruments.id"))
    .addColumn("audience", "text", (c) => c.notNull().check(sql`audience in ('teacher', 'student', 'parent')`))
    // Students' rounds name the classes they are for («7А», «8Б»); the others leave it empty.
    .addColumn("classes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("codes_issued", "integer", (c) => c.notNull().defaultTo(0).check(sql`codes_issued >= 0`))
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("closed_at", "timestamptz")
    .execute();
  await db.schema.createIndex("climate_rounds_school_idx").on("climate_rounds").columns(["school_id", "campaign_id"]).execute();

  // An anonymous code belongs to its round (and, for students, to a class); it keeps only the day it was used.
  await db.schema.alterTable("access_codes")
    .addColumn("round_id", "uuid", (c) => c.references("climate_rounds.id").onDelete("cascade"))
    .addColumn("class_name", "text")
    .execute();
  await db.schema.createIndex("access_codes_round_idx").on("access_codes").column("round_id").where(sql.ref("round_id"), "is not", null).execute();

  // An anonymous answer carries its round and class, never a person; its times are kept to the day.
  await db.schema.alterTable("attempts")
    .addColumn("round_id", "uuid", (c) => c.references("climate_rounds.id").onDelete("set null"))
    .addColumn("class_name", "text")
    .execute();
  await db.schema.createIndex("attempts_round_idx").on("attempts").column("round_id").where(sql.ref("round_id"), "is not", null).execute();

  // Results the school's clusters and risks are read from: ВПР, ОГЭ and ЕГЭ per subject and year.
  await db.schema.createTable("exam_results")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("school_id", "text", (c) => c.notNull().references("schools.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn("exam", "text", (c) => c.notNull().check(sql`exam in ('vpr', 'oge', 'ege')`))
    .addColumn("subject", "text", (c) => c.notNull())
    // ВПР is written in grades 4–8 and 11; ОГЭ is grade 9 and ЕГЭ grade 11 (the import fills them in).
    .addColumn("grade", "integer", (c) => c.notNull().defaultTo(0).check(sql`grade between 0 and 11`))
    .addColumn("participants", "integer", (c) => c.notNull().check(sql`participants >= 0`))
    .addColumn("mean_score", "double precision")
    /** Share (0–1) below the pass mark: «2» in ВПР and ОГЭ, below the minimum in ЕГЭ. */
    .addColumn("share_failed", "double precision", (c) => c.check(sql`share_failed between 0 and 1`))
    /** Share (0–1) of «4» and «5», or of ЕГЭ scores of 81 and above. */
    .addColumn("share_high", "double precision", (c) => c.check(sql`share_high between 0 and 1`))
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("exam_results_key", ["school_id", "year", "exam", "subject", "grade"])
    .execute();
  await sql`alter table import_batches drop constraint import_batches_kind_check`.execute(db);
  await sql`alter table import_batches add constraint import_batches_kind_check check (kind in ('municipalities', 'schools', 'people', 'exam-results'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from import_batches where kind = 'exam-results'`.execute(db);
  await sql`alter table import_batches drop constraint import_batches_kind_check`.execute(db);
  await sql`alter table import_batches add constraint import_batches_kind_check check (kind in ('municipalities', 'schools', 'people'))`.execute(db);
  await db.schema.dropTable("exam_results").execute();
  await db.schema.alterTable("attempts").dropColumn("round_id").dropColumn("class_name").execute();
  await db.schema.alterTable("access_codes").dropColumn("round_id").dropColumn("class_name").execute();
  await db.schema.dropTable("climate_rounds").execute();
}
