// Who reaches a school's climate: its principal, the region's staff, and (to read) the coordinator of its municipality.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { forbidden, notFound } from "../../shared/app-error.js";
import { hasRole, isStaff, type Principal } from "../auth/principal.js";
import { findSchool, type SchoolRef } from "./climate-rounds.repository.js";

/** Roles the routes let in; the checks below decide school by school. */
export const ROUND_WRITERS = ["principal", "methodologist", "admin"] as const;
export const CLIMATE_READERS = ["principal", "methodologist", "admin", "municipal"] as const;

/**
 * The school, if this person may work with its climate: "write" (open rounds, print codes, close)
 * for its principal and the region's methodologists and admins; "read" also for the coordinator of
 * its municipality. A school out of reach does not exist for them (404); the route's roles give 403.
 */
export async function schoolInReach(db: Kysely<Database>, principal: Principal | null, schoolId: string, mode: "read" | "write"): Promise<SchoolRef> {
  if (principal?.kind !== "user") throw forbidden();
  const school = await findSchool(db, schoolId);
  if (school && mayReach(principal, school, mode)) return school;
  throw notFound("Школа не найдена", "school_not_found");
}

export function mayReach(p: Principal, school: Pick<SchoolRef, "id" | "municipality_id" | "region_id">, mode: "read" | "write"): boolean {
  if (p.kind !== "user") return false;
  if (isStaff(p) && p.regionId === school.region_id) return true;
  if (hasRole(p, "principal") && p.schoolId === school.id) return true;
  return mode === "read" && hasRole(p, "municipal") && p.municipalityId === school.municipality_id && p.regionId === school.region_id;
}
