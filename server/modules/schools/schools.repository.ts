// Queries of the region's places: municipalities with their neighbours, and schools with the programme's flags.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export async function listMunicipalities(db: Kysely<Database>, regionId: string, only: string | null) {
  let query = db.selectFrom("municipalities as m")
    .select([
      "m.id", "m.name",
      sql<string[]>`coalesce((select array_agg(n.neighbour_id order by n.neighbour_id) from municipality_neighbours n where n.municipality_id = m.id), '{}')`.as("neighbours"),
      sql<number>`(select count(*)::int from schools s where s.municipality_id = m.id)`.as("schools"),
    ])
    .where("m.region_id", "=", regionId);
  if (only) query = query.where("m.id", "=", only);
  return query.orderBy("m.name").execute();
}

export interface SchoolFilter { regionId: string; municipalityId?: string | null | undefined; schoolId?: string | null | undefined }

export async function listSchools(db: Kysely<Database>, f: SchoolFilter) {
  let query = db.selectFrom("schools as s").innerJoin("municipalities as m", "m.id", "s.municipality_id")
    .select([
      "s.id", "s.name", "s.short_name", "s.municipality_id", "m.name as municipality_name", "s.locality", "s.students",
      "s.low_results", "s.unfavourable", "s.high_results", "s.clusters", "s.phone", "s.email",
    ])
    .where("m.region_id", "=", f.regionId);
  if (f.municipalityId) query = query.where("s.municipality_id", "=", f.municipalityId);
  if (f.schoolId) query = query.where("s.id", "=", f.schoolId);
  return query.orderBy("m.name").orderBy("s.name").execute();
}
