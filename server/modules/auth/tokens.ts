// Session tokens: HS256 JWTs signed and verified with jose, algorithm pinned, short expiry.
import { jwtVerify, SignJWT, errors as joseErrors } from "jose";
import { randomUUID } from "node:crypto";
import { ROLES, type Role } from "../../db/schema.js";
import type { Principal } from "./principal.js";

const ISSUER = "orientir";
const AUDIENCE = "orientir-api";
const ALGORITHM = "HS256";

export interface TokenService {
  issue(principal: Principal): Promise<{ token: string; expiresAt: Date }>;
  /** The principal, or null for a token that is malformed, forged, expired or of another issuer. */
  verify(token: string): Promise<Principal | null>;
}

export function createTokenService(secret: string, ttlMinutes: number, now: () => number = Date.now): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(principal) {
      const issuedAt = Math.floor(now() / 1000);
      const expiresAt = new Date((issuedAt + ttlMinutes * 60) * 1000);
      const claims = principal.kind === "user"
        ? { roles: principal.roles, reg: principal.regionId, mun: principal.municipalityId, sch: principal.schoolId }
        // "grp", not "aud": "aud" is the registered JWT audience claim and would be overwritten.
        : {
          anon: true, ins: principal.instrumentId, sch: principal.schoolId, grp: principal.audience,
          ...(principal.roundId ? { rnd: principal.roundId } : {}), ...(principal.className ? { cls: principal.className } : {}),
        };
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
        .setIssuer(ISSUER).setAudience(AUDIENCE)
        .setIssuedAt(issuedAt).setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .setJti(principal.kind === "anonymous" ? principal.respondentId : randomUUID());
      if (principal.kind === "user") jwt.setSubject(principal.id);
      return { token: await jwt.sign(key), expiresAt };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE, currentDate: new Date(now()),
        });
        const text = (v: unknown) => (typeof v === "string" ? v : null);
        if (payload.anon === true) {
          const [respondentId, instrumentId, schoolId, audience] = [payload.jti, payload.ins, payload.sch, payload.grp].map(text);
          if (!respondentId || !instrumentId || !schoolId || !audience) return null;
          const [roundId, className] = [payload.rnd, payload.cls].map(text);
          return { kind: "anonymous", respondentId, instrumentId, schoolId, audience, ...(roundId ? { roundId } : {}), ...(className ? { className } : {}) };
        }
        const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
        if (!payload.sub || roles.length === 0) return null;
        return { kind: "user", id: payload.sub, roles, regionId: text(payload.reg), municipalityId: text(payload.mun), schoolId: text(payload.sch) };
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}
