// Who may see and change a person's plan and meetings: the person, their current mentor, their principal, the region's staff.
import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema.js";
import { forbidden, notFound } from "../../shared/app-error.js";
import type { Principal, UserPrincipal } from "../auth/principal.js";

/** own: the person; mentor: their current mentor; read: their principal or the region's methodologists and admins. */
export type PlanMode = "own" | "mentor" | "read";

export interface PlanFacts {
  targetId: string;
  targetSchoolId: string | null;
  targetRegionId: string | null;
  currentMentorId: string | null;
}

/**
 * The decision, pure. Everyone not named is refused (and answered 404, as if the person did not
 * exist): another teacher, another mentor, a mentor whose pair has ended, another school's principal,
 * staff of another region, and municipal coordinators, who are not among a plan's readers.
 */
export function planMode(viewer: Principal | null, facts: PlanFacts | undefined): PlanMode | null {
  if (viewer?.kind !== "user" || !facts) return null;
  if (viewer.id === facts.targetId) return "own";
  if (viewer.roles.includes("mentor") && facts.currentMentorId === viewer.id) return "mentor";
  if (viewer.roles.includes("principal") && viewer.schoolId !== null && viewer.schoolId === facts.targetSchoolId) return "read";
  const staff = viewer.roles.includes("methodologist") || viewer.roles.includes("admin");
  if (staff && viewer.regionId !== null && viewer.regionId === facts.targetRegionId) return "read";
  return null;
}

/**
 * The role gate of every write: the person and their current mentor write; principals and staff pass
 * the gate to be answered 403 by the service (404 when the person is not theirs to read), and
 * municipal coordinators, who read no plans, are stopped here with 403.
 */
export const PLAN_WRITER_ROLES: Role[] = ["teacher", "mentor", "principal", "methodologist", "admin"];

export const mayWrite = (mode: PlanMode | null): mode is "own" | "mentor" => mode === "own" || mode === "mentor";

export async function findPlanFacts(db: Kysely<Database>, targetId: string): Promise<PlanFacts | undefined> {
  const row = await db.selectFrom("users as u")
    .leftJoin("mentor_assignments as m", (join) => join.onRef("m.mentee_id", "=", "u.id").on("m.ended_at", "is", null))
    .select(["u.id", "u.school_id", "u.region_id", "m.mentor_id"])
    .where("u.id", "=", targetId).executeTakeFirst();
  return row && { targetId: row.id, targetSchoolId: row.school_id, targetRegionId: row.region_id, currentMentorId: row.mentor_id };
}

export interface PlanAccess { viewer: UserPrincipal; mode: PlanMode; facts: PlanFacts }

const hidden = () => notFound("План не найден", "plan_not_found");

/** Reading: the mode, or 404. */
export async function readAccess(db: Kysely<Database>, viewer: Principal | null, targetId: string): Promise<PlanAccess> {
  const facts = await findPlanFacts(db, targetId);
  const mode = planMode(viewer, facts);
  if (!mode || !facts) throw hidden();
  return { viewer: viewer as UserPrincipal, mode, facts };
}

/** Changing: the person or their current mentor; a reader gets 403, anyone else 404. */
export async function writeAccess(db: Kysely<Database>, viewer: Principal | null, targetId: string): Promise<PlanAccess & { mode: "own" | "mentor" }> {
  const access = await readAccess(db, viewer, targetId);
  if (!mayWrite(access.mode)) throw forbidden("План может менять только сам педагог или его наставник", "plan_read_only");
  return access as PlanAccess & { mode: "own" | "mentor" };
}

/** Meetings are recorded by the current mentor only; the person and readers see them (403 on writes). */
export async function mentorAccess(db: Kysely<Database>, viewer: Principal | null, targetId: string): Promise<PlanAccess & { mode: "mentor" }> {
  const access = await readAccess(db, viewer, targetId);
  if (access.mode !== "mentor") throw forbidden("Встречи записывает наставник этого педагога", "meetings_mentor_only");
  return access as PlanAccess & { mode: "mentor" };
}
