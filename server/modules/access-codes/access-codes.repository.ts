// Queries of personal access codes: who at which school holds a valid code, and issuing codes (digests only).
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

type Db = Kysely<Database>;

/** People holding a personal code that still works, as one set the overview joins against (not a query per person). */
const validHolders = (db: Db) =>
  db.selectFrom("access_codes").select("user_id").distinct()
    .where("kind", "=", "person").where("user_id", "is not", null).where("expires_at", ">", sql<Date>`now()`);

export async function schoolCounts(db: Db, regionId: string, municipalityId: string | undefined) {
  let query = db.selectFrom("schools as s")
    .innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .leftJoin("users as u", (j) => j.onRef("u.school_id", "=", "s.id").on("u.is_active", "=", true))
    .leftJoin(validHolders(db).as("c"), "c.user_id", "u.id")
    .select([
      "s.id", "s.name", "s.short_name", "s.municipality_id", "m.name as municipality_name",
      sql<number>`count(u.id)::int`.as("people"), sql<number>`count(c.user_id)::int`.as("with_code"),
    ])
    .where("m.region_id", "=", regionId)
    .groupBy(["s.id", "s.name", "s.short_name", "s.municipality_id", "m.name"])
    .orderBy("m.name").orderBy("s.name");
  if (municipalityId) query = query.where("s.municipality_id", "=", municipalityId);
  return query.execute();
}

export async function municipalityInRegion(db: Db, regionId: string, municipalityId: string): Promise<boolean> {
  const row = await db.selectFrom("municipalities").select("id").where("id", "=", municipalityId).where("region_id", "=", regionId).executeTakeFirst();
  return row !== undefined;
}

/** The schools of the region, optionally of one municipality, as ids. */
export async function schoolIdsOf(db: Db, regionId: string, municipalityId: string | undefined): Promise<string[]> {
  let query = db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id").select("s.id").where("m.region_id", "=", regionId);
  if (municipalityId) query = query.where("s.municipality_id", "=", municipalityId);
  return (await query.execute()).map((r) => r.id);
}

/** Of the given school ids, those in the region (and the municipality, when given) with their municipality. */
export async function schoolsInScope(db: Db, regionId: string, ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
      .select(["s.id", "s.municipality_id"]).where("m.region_id", "=", regionId).where("s.id", "in", ids.slice(i, i + 5000)).execute();
    for (const r of rows) found.set(r.id, r.municipality_id);
  }
  return found;
}

export interface CodeHolder {
  id: string; full_name: string; position: string | null; email: string | null;
  school_id: string; school_name: string; short_name: string; municipality_name: string;
}

/**
 * The active staff of the schools who are to get a code: everyone with `all`, else those without a
 * valid one. Their rows stay locked until the transaction ends, so that a second click at the same
 * moment waits and then finds them served, instead of issuing a second code to each.
 */
export async function holdersToIssue(db: Db, schoolIds: string[], all: boolean): Promise<CodeHolder[]> {
  const out: CodeHolder[] = [];
  for (let i = 0; i < schoolIds.length; i += 5000) {
    let query = db.selectFrom("users as u")
      .innerJoin("schools as s", "s.id", "u.school_id")
      .innerJoin("municipalities as m", "m.id", "s.municipality_id")
      .select(["u.id", "u.full_name", "u.position", "u.email", "s.id as school_id", "s.name as school_name", "s.short_name", "m.name as municipality_name"])
      .where("u.is_active", "=", true).where("u.school_id", "in", schoolIds.slice(i, i + 5000))
      .forUpdate("u");
    if (!all) {
      query = query.where(({ not, exists, selectFrom }) => not(exists(
        selectFrom("access_codes as a").select("a.code_hash").whereRef("a.user_id", "=", "u.id")
          .where("a.kind", "=", "person").where("a.expires_at", ">", sql<Date>`now()`),
      )));
    }
    out.push(...(await query.execute()) as CodeHolder[]);
  }
  const collator = new Intl.Collator("ru");
  return out.sort((a, b) => collator.compare(a.municipality_name, b.municipality_name) || collator.compare(a.school_name, b.school_name) || collator.compare(a.full_name, b.full_name));
}

/** Every personal code of these people stops working: deleted, so that a lost slip signs nobody in. */
export async function deletePersonCodes(db: Db, userIds: string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += 5000) {
    await db.deleteFrom("access_codes").where("kind", "=", "person").where("user_id", "in", userIds.slice(i, i + 5000)).execute();
  }
}

export async function insertPersonCodes(db: Db, rows: Array<{ codeHash: string; userId: string; schoolId: string }>, expiresAt: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto("access_codes").values(rows.slice(i, i + 1000).map((r) => ({
      code_hash: r.codeHash, kind: "person" as const, user_id: r.userId, school_id: r.schoolId, expires_at: expiresAt,
    }))).execute();
  }
}
