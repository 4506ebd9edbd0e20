// Who is making a request: a signed-in person with roles and scope, or an anonymous respondent.
import type { Role } from "../../db/schema.js";

export interface UserPrincipal {
  kind: "user";
  id: string;
  roles: Role[];
  regionId: string | null;
  municipalityId: string | null;
  schoolId: string | null;
}

/** A respondent of an anonymous questionnaire: no identity, only what aggregation needs. */
export interface AnonymousPrincipal {
  kind: "anonymous";
  /** Random per sign-in; its digest lets the same browser resume its own answers. */
  respondentId: string;
  instrumentId: string;
  schoolId: string;
  audience: string;
  /** The climate round the code was printed for, and (students) the class: carried onto the answer, never a person. */
  roundId?: string;
  className?: string;
}

export type Principal = UserPrincipal | AnonymousPrincipal;

export const hasRole = (p: Principal | null, ...roles: Role[]): p is UserPrincipal =>
  p?.kind === "user" && roles.some((r) => p.roles.includes(r));

/** Institute staff and administrators see the whole region. */
export const isStaff = (p: Principal | null): boolean => hasRole(p, "methodologist", "admin");
