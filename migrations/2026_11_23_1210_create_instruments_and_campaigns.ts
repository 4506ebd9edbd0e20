// Competencies, instruments with their versions, the course catalogue, and monitoring campaigns.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("competencies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("area", "text", (c) => c.notNull().check(sql`area in ('subject', 'method', 'leadership')`))
    .addColumn("subject", "text")
    .execute();

  await db.schema.createTable("instruments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('subject-test', 'leader', 'climate', 'conditions')`))
    .addColumn("subject", "text")
    .addColumn("audience", sql`text[]`, (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("anonymous", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("current_version", "integer", (c) => c.notNull())
    .execute();

  // Every version ever served is kept: an attempt is scored and shown on the version it was taken on.
  await db.schema.createTable("instrument_versions")
    .addColumn("instrument_id", "text", (c) => c.notNull().references("instruments.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "jsonb", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("instrument_versions_pk", ["instrument_id", "version"])
    .execute();

  await db.schema.createTable("courses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("hours", "integer", (c) => c.notNull().check(sql`hours > 0`))
    .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('in-person', 'distance', 'blended', 'internship')`))
    .addColumn("audience", sql`text[]`, (c) => c.notNull())
    .addColumn("subjects", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("competencies", sql`text[]`, (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("source", "text")
    .addColumn("is_active", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();

  await db.schema.createTable("campaigns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("wave", "text", (c) => c.notNull().check(sql`wave in ('input', 'intermediate', 'final')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('planned', 'active', 'closed')`))
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("campaigns_dates", sql`starts_on <= ends_on`)
    .execute();
  // One running campaign per region: "the current campaign" is never ambiguous.
  await db.schema.createIndex("campaigns_one_active_per_region").on("campaigns").column("region_id").unique()
    .where(sql.ref("status"), "=", "active").execute();

  await db.schema.createTable("campaign_instruments")
    .addColumn("campaign_id", "text", (c) => c.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("instrument_id", "text", (c) => c.notNull().references("instruments.id"))
    .addPrimaryKeyConstraint("campaign_instruments_pk", ["campaign_id", "instrument_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["campaign_instruments", "campaigns", "courses", "instrument_versions", "instruments", "competencies"]) {
    await db.schema.dropTable(table).execute();
  }
}
