// Who may see a person's results and profile: the person, their mentor, their principal, institute staff.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Principal } from "../auth/principal.js";
import { isStaff } from "../auth/principal.js";
import { findAccessFacts } from "./profiles.repository.js";

export interface AccessFacts {
  targetId: string;
  targetSchoolId: string | null;
  currentMentorId: string | null;
}

/** The decision, pure: everyone not named here is refused (and answered 404, as if the person did not exist). */
export function mayViewProfile(viewer: Principal, facts: AccessFacts): boolean {
  if (viewer.kind !== "user") return false;
  if (viewer.id === facts.targetId || isStaff(viewer)) return true;
  if (viewer.roles.includes("principal") && viewer.schoolId !== null && viewer.schoolId === facts.targetSchoolId) return true;
  return viewer.roles.includes("mentor") && facts.currentMentorId === viewer.id;
}

export async function canSeePersonResults(db: Kysely<Database>, viewer: Principal, targetId: string): Promise<boolean> {
  if (viewer.kind !== "user") return false;
  if (viewer.id === targetId) return true;
  const facts = await findAccessFacts(db, targetId);
  return facts !== undefined && mayViewProfile(viewer, facts);
}
