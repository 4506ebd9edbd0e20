// Queries of imports: set-based look-ups of what a file refers to, chunked upserts, roles, the log of batches.
import { sql, type Kysely } from "kysely";
import type { Database, Role } from "../../db/schema.js";
import type { ImportKind } from "./import-columns.js";
import { examKey } from "./exam-rows.js";
import type { ExistingPerson, ExistingSchool, References } from "./import-rows.js";

type Db = Kysely<Database>;

/** Lists of keys go to the database in slices: bounded parameter counts, whatever the file's size. */
const LOOKUP_CHUNK = 5000;
const WRITE_CHUNK = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const STAFF_ROLES: Role[] = ["methodologist", "admin", "municipal"];
export const IMPORTED_ROLES: Role[] = ["teacher", "principal", "mentor"];

export interface Lookup {
  municipalities: Map<string, string>;
  schools: Map<string, ExistingSchool & { regionId: string }>;
  people: Map<string, ExistingPerson & { subjects: string[] }>;
  /** Keys of the stored exam results of `refs.examSchools` (school|year|exam|subject|grade). */
  exams: Set<string>;
}

/** What the database holds of a file's references, in one query per kind and slice, never one per row. */
export async function lookUp(db: Db, refs: References): Promise<Lookup> {
  const municipalities = new Map<string, string>();
  for (const ids of chunks(refs.municipalities, LOOKUP_CHUNK)) {
    for (const m of await db.selectFrom("municipalities").select(["id", "region_id"]).where("id", "in", ids).execute()) municipalities.set(m.id, m.region_id);
  }
  const schools: Lookup["schools"] = new Map();
  for (const ids of chunks(refs.schools, LOOKUP_CHUNK)) {
    const rows = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
      .select(["s.id", "s.municipality_id", "s.short_name", "s.locality", "s.students", "s.low_results", "s.unfavourable", "s.high_results", "s.clusters", "s.phone", "s.email", "m.region_id"])
      .where("s.id", "in", ids).execute();
    for (const s of rows) {
      schools.set(s.id, {
        regionId: s.region_id, municipalityId: s.municipality_id, shortName: s.short_name, locality: s.locality, students: s.students,
        lowResults: s.low_results, unfavourable: s.unfavourable, highResults: s.high_results, clusters: s.clusters, phone: s.phone, email: s.email,
      });
    }
  }
  const people: Lookup["people"] = new Map();
  for (const emails of chunks(refs.emails, LOOKUP_CHUNK)) {
    const rows = await db.selectFrom("users as u")
      .select(["u.id", "u.region_id", "u.subjects", sql<string>`lower(u.email)`.as("email"),
        sql<boolean>`exists (select 1 from user_roles r where r.user_id = u.id and r.role in (${sql.join(STAFF_ROLES)}))`.as("staff")])
      .where(sql`lower(u.email)`, "in", emails).execute();
    for (const p of rows) people.set(p.email, { id: p.id, regionId: p.region_id, staff: p.staff, subjects: p.subjects });
  }
  const exams = new Set<string>();
  for (const ids of chunks(refs.examSchools ?? [], LOOKUP_CHUNK)) {
    const rows = await db.selectFrom("exam_results").select(["school_id", "year", "exam", "subject", "grade"]).where("school_id", "in", ids).execute();
    for (const r of rows) exams.add(examKey({ school: r.school_id, year: r.year, exam: r.exam, subject: r.subject, grade: r.grade }));
  }
  return { municipalities, schools, people, exams };
}

export interface Upserted { created: number; updated: number }

const tally = (rows: Array<{ inserted: boolean }>, into: Upserted) => {
  for (const r of rows) (r.inserted ? into.created++ : into.updated++);
};

/** `xmax = 0` holds for a row this statement inserted, not for one it updated: created and updated counted exactly. */
const inserted = sql<boolean>`(xmax = 0)`.as("inserted");

export async function upsertMunicipalities(db: Db, regionId: string, rows: Array<{ id: string; name: string }>): Promise<Upserted> {
  const out = { created: 0, updated: 0 };
  for (const slice of chunks(rows, WRITE_CHUNK)) {
    const result = await db.insertInto("municipalities").values(slice.map((r) => ({ ...r, region_id: regionId })))
      .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })).where("municipalities.region_id", "=", regionId))
      .returning(["id", inserted]).execute();
    tally(result, out);
  }
  return out;
}

/** The stated municipalities' borders become exactly what the file says (pairs given in both directions). */
export async function replaceNeighbours(db: Db, municipalityIds: string[], pairs: Array<[string, string]>): Promise<void> {
  for (const ids of chunks(municipalityIds, LOOKUP_CHUNK)) {
    await db.deleteFrom("municipality_neighbours").where((eb) => eb.or([eb("municipality_id", "in", ids), eb("neighbour_id", "in", ids)])).execute();
  }
  for (const slice of chunks(pairs, WRITE_CHUNK)) {
    await db.insertInto("municipality_neighbours").values(slice.map(([a, b]) => ({ municipality_id: a, neighbour_id: b })))
      .onConflict((oc) => oc.doNothing()).execute();
  }
}

export interface SchoolValues {
  id: string; municipality_id: string; name: string; short_name: string; locality: "city" | "town" | "rural"; students: number | null;
  low_results: boolean; unfavourable: boolean; high_results: boolean; clusters: string[]; phone: string | null; email: string | null;
}

export async function upsertSchools(db: Db, regionId: string, rows: SchoolValues[]): Promise<Upserted> {
  const out = { created: 0, updated: 0 };
  for (const slice of chunks(rows, WRITE_CHUNK)) {
    const result = await db.insertInto("schools").values(slice)
      .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({
        municipality_id: eb.ref("excluded.municipality_id"), name: eb.ref("excluded.name"), short_name: eb.ref("excluded.short_name"),
        locality: eb.ref("excluded.locality"), students: eb.ref("excluded.students"), low_results: eb.ref("excluded.low_results"),
        unfavourable: eb.ref("excluded.unfavourable"), high_results: eb.ref("excluded.high_results"), clusters: eb.ref("excluded.clusters"),
        phone: eb.ref("excluded.phone"), email: eb.ref("excluded.email"), updated_at: sql<Date>`now()`,
      // A school of another region is never taken over, whatever the check before missed.
      })).where(sql<boolean>`schools.municipality_id in (select id from municipalities where region_id = ${regionId})`))
      .returning(["id", inserted]).execute();
    tally(result, out);
  }
  return out;
}

export interface PersonValues {
  full_name: string; position: string; email: string; region_id: string; municipality_id: string; school_id: string; subjects: string[];
}

/** Upserts people by lower(email); returns each one's id in the order given, and the counts. */
export async function upsertPeople(db: Db, regionId: string, rows: PersonValues[]): Promise<Upserted & { ids: Map<string, string> }> {
  const out = { created: 0, updated: 0, ids: new Map<string, string>() };
  for (const slice of chunks(rows, WRITE_CHUNK)) {
    const result = await db.insertInto("users").values(slice)
      .onConflict((oc) => oc.expression(sql`lower(email)`).where("email", "is not", null).doUpdateSet((eb) => ({
        full_name: eb.ref("excluded.full_name"), position: eb.ref("excluded.position"), email: eb.ref("excluded.email"),
        region_id: eb.ref("excluded.region_id"), municipality_id: eb.ref("excluded.municipality_id"), school_id: eb.ref("excluded.school_id"),
        subjects: eb.ref("excluded.subjects"), updated_at: sql<Date>`now()`,
      })).where("users.region_id", "=", regionId))
      .returning(["id", "email", inserted]).execute();
    tally(result, out);
    for (const r of result) out.ids.set(r.email!, r.id);
  }
  return out;
}

/** The school roles of these people become exactly the given ones; staff roles they hold stay untouched. */
export async function replaceSchoolRoles(db: Db, roles: Array<{ user_id: string; role: Role }>): Promise<void> {
  const ids = [...new Set(roles.map((r) => r.user_id))];
  for (const slice of chunks(ids, LOOKUP_CHUNK)) {
    await db.deleteFrom("user_roles").where("user_id", "in", slice).where("role", "in", IMPORTED_ROLES).execute();
  }
  for (const slice of chunks(roles, WRITE_CHUNK * 2)) {
    await db.insertInto("user_roles").values(slice).onConflict((oc) => oc.doNothing()).execute();
  }
}

export interface ExamValues {
  school_id: string; year: number; exam: "vpr" | "oge" | "ege"; subject: string; grade: number; participants: number;
  mean_score: number | null; share_failed: number | null; share_high: number | null; created_by: string;
}

/**
 * Upserts exam results by their key (school, year, exam, subject, grade). An empty optional cell
 * (null here) keeps the stored value, as empty cells do in every import.
 */
export async function upsertExamResults(db: Db, regionId: string, rows: ExamValues[]): Promise<Upserted> {
  const out = { created: 0, updated: 0 };
  const keep = (column: "mean_score" | "share_failed" | "share_high") => sql<number | null>`coalesce(excluded.${sql.ref(column)}, exam_results.${sql.ref(column)})`;
  for (const slice of chunks(rows, WRITE_CHUNK)) {
    const result = await db.insertInto("exam_results").values(slice)
      .onConflict((oc) => oc.constraint("exam_results_key").doUpdateSet((eb) => ({
        participants: eb.ref("excluded.participants"), mean_score: keep("mean_score"), share_failed: keep("share_failed"),
        share_high: keep("share_high"), created_by: eb.ref("excluded.created_by"), updated_at: sql<Date>`now()`,
      // Results of a school of another region are never touched, whatever the check before missed.
      })).where(sql<boolean>`exam_results.school_id in (select s.id from schools s join municipalities m on m.id = s.municipality_id where m.region_id = ${regionId})`))
      .returning(["id", inserted]).execute();
    tally(result, out);
  }
  return out;
}

export async function insertBatch(db: Db, batch: { regionId: string; kind: ImportKind; fileName: string; rows: number; created: number; updated: number; createdBy: string }): Promise<string> {
  const row = await db.insertInto("import_batches").values({
    region_id: batch.regionId, kind: batch.kind, file_name: batch.fileName, rows: batch.rows, created: batch.created, updated: batch.updated, created_by: batch.createdBy,
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function listBatches(db: Db, regionId: string, limit: number) {
  return db.selectFrom("import_batches as b").leftJoin("users as u", "u.id", "b.created_by")
    .select(["b.id", "b.kind", "b.file_name", "b.rows", "b.created", "b.updated", "b.created_at", "u.full_name as created_by_name"])
    .where("b.region_id", "=", regionId).orderBy("b.created_at", "desc").limit(limit).execute();
}

/** Two real codes of the region for a template's example rows, so that its examples read like the region's own. */
export async function sampleCodes(db: Db, regionId: string): Promise<{ municipalities: string[]; schools: string[] }> {
  const municipalities = await db.selectFrom("municipalities").select("id").where("region_id", "=", regionId).orderBy("id").limit(2).execute();
  const schools = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select("s.id").where("m.region_id", "=", regionId).orderBy("s.id").limit(2).execute();
  return { municipalities: municipalities.map((m) => m.id), schools: schools.map((s) => s.id) };
}
