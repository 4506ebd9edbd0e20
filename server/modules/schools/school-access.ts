// Who reaches a school's pages (facts, profile): its principal, the coordinator of its municipality, the region's staff. Pure.
import { hasRole, isStaff, type Principal } from "../auth/principal.js";

export interface SchoolPlace { id: string; municipality_id: string; region_id: string }

/** Everyone else is answered 404, as if the school did not exist. */
export function maySeeSchool(p: Principal | null, place: SchoolPlace): boolean {
  if (p?.kind !== "user" || p.regionId !== place.region_id) return false;
  return isStaff(p)
    || (hasRole(p, "municipal") && p.municipalityId === place.municipality_id)
    || (hasRole(p, "principal") && p.schoolId === place.id);
}

/**
 * Who may open the school's teachers' own profiles from its page (profiles/profile-access.ts): the
 * school's principal and the region's staff. A coordinator sees the team's figures, not its names.
 */
export function mayListTeachers(p: Principal | null, place: SchoolPlace): boolean {
  if (p?.kind !== "user" || p.regionId !== place.region_id) return false;
  return isStaff(p) || (hasRole(p, "principal") && p.schoolId === place.id);
}
