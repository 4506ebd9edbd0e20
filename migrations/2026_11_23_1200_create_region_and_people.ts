// Regions, municipalities, schools with the programme's flags, people, their roles and access codes.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("regions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema.createTable("municipalities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("municipalities_region_idx").on("municipalities").column("region_id").execute();

  await db.schema.createTable("schools")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipalities.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .addColumn("locality", "text", (c) => c.notNull().defaultTo("city").check(sql`locality in ('city', 'town', 'rural')`))
    .addColumn("students", "integer", (c) => c.check(sql`students >= 0`))
    // The programme's flags: low learning results (ШНОР), unfavourable social conditions (ССУ),
    // and high results (the schools mentors come from).
    .addColumn("low_results", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("unfavourable", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("high_results", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("clusters", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("schools_low_not_high", sql`not (low_results and high_results)`)
    .execute();
  await db.schema.createIndex("schools_municipality_idx").on("schools").column("municipality_id").execute();

  await db.schema.createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("login", "text", (c) => c.unique())
    .addColumn("password_hash", "text")
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("position", "text")
    .addColumn("region_id", "text", (c) => c.references("regions.id"))
    .addColumn("municipality_id", "text", (c) => c.references("municipalities.id"))
    .addColumn("school_id", "text", (c) => c.references("schools.id"))
    .addColumn("subjects", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("is_active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("users_login_lowercase", sql`login = lower(login)`)
    .execute();
  await db.schema.createIndex("users_school_idx").on("users").column("school_id").execute();
  await db.schema.createIndex("users_municipality_idx").on("users").column("municipality_id").execute();

  await db.schema.createTable("user_roles")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('teacher', 'principal', 'mentor', 'methodologist', 'municipal', 'admin')`))
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();
  await db.schema.createIndex("user_roles_role_idx").on("user_roles").columns(["role", "user_id"]).execute();

  // Codes are kept only as SHA-256 digests: a leaked table gives no sign-ins.
  await db.schema.createTable("access_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('person', 'anonymous')`))
    .addColumn("user_id", "uuid", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("school_id", "text", (c) => c.references("schools.id"))
    .addColumn("instrument_id", "text")
    .addColumn("audience", "text")
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("access_codes_person_has_user", sql`(kind = 'person') = (user_id is not null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["access_codes", "user_roles", "users", "schools", "municipalities", "regions"]) {
    await db.schema.dropTable(table).execute();
  }
}
