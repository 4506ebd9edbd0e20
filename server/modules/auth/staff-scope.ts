// The institute's reach: methodologists and admins work region-wide, municipal coordinators read their own municipality.
import { forbidden } from "../../shared/app-error.js";
import type { Principal } from "./principal.js";

export interface StaffScope {
  regionId: string;
  /** Set for a municipal coordinator: everything they see is limited to this municipality. */
  municipalityId: string | null;
  /** Methodologists and admins change things; coordinators only read. */
  mayChange: boolean;
}

/** The scope of a staff member, or 403 for anyone else (routes declare the roles; this is the second lock). */
export function staffScope(p: Principal | null): StaffScope {
  if (p?.kind !== "user") throw forbidden();
  if (p.roles.includes("methodologist") || p.roles.includes("admin")) {
    if (!p.regionId) throw forbidden("Учётная запись не привязана к региону", "no_region");
    return { regionId: p.regionId, municipalityId: null, mayChange: true };
  }
  if (p.roles.includes("municipal")) {
    if (!p.regionId || !p.municipalityId) throw forbidden("Учётная запись координатора не привязана к муниципалитету", "no_municipality");
    return { regionId: p.regionId, municipalityId: p.municipalityId, mayChange: false };
  }
  throw forbidden();
}

/** The scope of someone who is about to change something: methodologists and admins only. */
export function changeScope(p: Principal | null): StaffScope {
  const scope = staffScope(p);
  if (!scope.mayChange) throw forbidden("Муниципальный координатор может только просматривать эти данные", "read_only");
  return scope;
}

/** Whether a municipality is within reach: always for the region's staff, only their own for a coordinator. */
export const reaches = (scope: StaffScope, municipalityId: string | null | undefined): boolean =>
  scope.municipalityId === null || scope.municipalityId === municipalityId;
