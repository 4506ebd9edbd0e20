// Session tokens: HS256 JWTs signed and verified with jose, algorithm pinned, short expiry; verified ones cached until they expire.
import { jwtVerify, SignJWT, errors as joseErrors } from "jose";
import { randomUUID, webcrypto } from "node:crypto";
import { ROLES, type Role } from "../../db/schema.js";
import { LruCache } from "../../shared/lru-cache.js";
import type { Principal } from "./principal.js";

const ISSUER = "orientir";
const AUDIENCE = "orientir-api";
const ALGORITHM = "HS256";
/** Verified tokens kept: every taker of an exam day and the staff, a few MB at most. */
export const VERIFIED_TOKENS_CACHED = 20_000;

export interface TokenService {
  issue(principal: Principal): Promise<{ token: string; expiresAt: Date }>;
  /** The principal, or null for a token that is malformed, forged, expired or of another issuer. */
  verify(token: string): Promise<Principal | null>;
  /** The principal of a token verified before and not yet expired, without waiting; otherwise undefined (then `verify`). */
  known(token: string): Principal | undefined;
}

/**
 * Every request carries its token: verifying it is a signature check plus WebCrypto's key import,
 * about 240 µs of CPU. So the key is imported once, and a token that verified is remembered with
 * its principal until its own expiry (a bounded LRU): the same token verifies to the same principal
 * until then, and a changed byte is another key of the cache. Failures are not remembered.
 */
export function createTokenService(secret: string, ttlMinutes: number, now: () => number = Date.now, cached = VERIFIED_TOKENS_CACHED): TokenService {
  const key = webcrypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const verified = new LruCache<string, Principal>(cached, now);
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
      return { token: await jwt.sign(await key), expiresAt };
    },
    known: (token) => verified.get(token),
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      const valid = await verifyToken(token, await key, now);
      if (!valid) return null;
      // One object serves every request with this token: frozen, so that none can change it for the next.
      const principal = Object.freeze(valid.principal.kind === "user" ? { ...valid.principal, roles: Object.freeze([...valid.principal.roles]) as Role[] } : valid.principal);
      verified.set(token, principal, valid.expiresAt);
      return principal;
    },
  };
}

/** The principal of a valid token and when the token expires (epoch ms), or null. */
async function verifyToken(token: string, key: webcrypto.CryptoKey, now: () => number): Promise<{ principal: Principal; expiresAt: number } | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE, currentDate: new Date(now()),
    });
    // jose refuses a token without "exp" only when asked to; ours always have one, others are not cached.
    const expiresAt = typeof payload.exp === "number" ? payload.exp * 1000 : now();
    const text = (v: unknown) => (typeof v === "string" ? v : null);
    if (payload.anon === true) {
      const [respondentId, instrumentId, schoolId, audience] = [payload.jti, payload.ins, payload.sch, payload.grp].map(text);
      if (!respondentId || !instrumentId || !schoolId || !audience) return null;
      const [roundId, className] = [payload.rnd, payload.cls].map(text);
      return { principal: { kind: "anonymous", respondentId, instrumentId, schoolId, audience, ...(roundId ? { roundId } : {}), ...(className ? { className } : {}) }, expiresAt };
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
    if (!payload.sub || roles.length === 0) return null;
    return { principal: { kind: "user", id: payload.sub, roles, regionId: text(payload.reg), municipalityId: text(payload.mun), schoolId: text(payload.sch) }, expiresAt };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}
