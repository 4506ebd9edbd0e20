// Queries about people: sign-in lookups, roles, and the person a profile or token belongs to.
import { sql, type Kysely } from "kysely";
import type { Database, Role } from "../../db/schema.js";

export interface Person {
  id: string;
  name: string;
  login: string | null;
  passwordHash: string | null;
  roles: Role[];
  subjects: string[];
  position: string | null;
  regionId: string | null;
  municipalityId: string | null;
  schoolId: string | null;
  isActive: boolean;
}

function selectPeople(db: Kysely<Database>) {
  return db.selectFrom("users as u")
    .select([
      "u.id", "u.full_name", "u.login", "u.password_hash", "u.subjects", "u.position", "u.region_id",
      "u.municipality_id", "u.school_id", "u.is_active",
      sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as("roles"),
    ]);
}

type PersonRow = Awaited<ReturnType<ReturnType<typeof selectPeople>["executeTakeFirstOrThrow"]>>;

function toPerson(row: PersonRow): Person {
  return {
    id: row.id, name: row.full_name, login: row.login, passwordHash: row.password_hash, roles: row.roles,
    subjects: row.subjects, position: row.position, regionId: row.region_id, municipalityId: row.municipality_id,
    schoolId: row.school_id, isActive: row.is_active,
  };
}

export async function findPersonByLogin(db: Kysely<Database>, login: string): Promise<Person | undefined> {
  const row = await selectPeople(db).where("u.login", "=", login.trim().toLowerCase()).executeTakeFirst();
  return row && toPerson(row);
}

export async function findPersonById(db: Kysely<Database>, id: string): Promise<Person | undefined> {
  const row = await selectPeople(db).where("u.id", "=", id).executeTakeFirst();
  return row && toPerson(row);
}

/** The region a school belongs to (anonymous respondents carry only their school). */
export async function findSchoolRegion(db: Kysely<Database>, schoolId: string): Promise<string | undefined> {
  const row = await db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select("m.region_id").where("s.id", "=", schoolId).executeTakeFirst();
  return row?.region_id;
}
