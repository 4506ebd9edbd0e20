// Sign-in building blocks: access codes, the failure limiter, session tokens and password hashes.
import fc from "fast-check";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { accessCodeDigest, CODE_LENGTH, generateAccessCode, normalizeAccessCode } from "../../server/modules/auth/access-codes.js";
import { hashPassword, verifyPassword } from "../../server/modules/auth/passwords.js";
import type { AnonymousPrincipal, UserPrincipal } from "../../server/modules/auth/principal.js";
import { FailureLimiter } from "../../server/modules/auth/sign-in-limiter.js";
import { createTokenService } from "../../server/modules/auth/tokens.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

describe("access codes", () => {
  it("are 16 characters of the alphabet, printed in 4 groups of 4, and differ from one another", () => {
    const codes = Array.from({ length: 2000 }, generateAccessCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(CODE_LENGTH).toBe(16);
    expect(new Set(codes).size).toBe(codes.length);
    // 2000 codes × 16 places: every character of the alphabet turns up.
    expect(new Set(codes.join("").replace(/-/g, "")).size).toBe(ALPHABET.length);
  });

  it("normalize back to the 16 characters without dashes", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateAccessCode();
      expect(normalizeAccessCode(code)).toBe(code.replace(/-/g, ""));
    }
  });

  const codeArb = fc.oneof(
    fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 16, maxLength: 16 }),
    fc.constant(null).map(() => generateAccessCode().replace(/-/g, "")),
  );
  /** How people retype a code: any case, spaces or dashes anywhere, O for 0, I or L for 1. */
  const retypedArb = (code: string) => fc.tuple(
    ...[...code].map((c) => {
      const look = c === "0" ? ["0", "O", "o"] : c === "1" ? ["1", "I", "i", "L", "l"] : [c, c.toLowerCase()];
      return fc.tuple(fc.constantFrom(...look), fc.constantFrom("", "", "", " ", "-", "  ", " - "));
    }),
  ).map((parts) => parts.map(([c, sep]) => c + sep).join(""));

  it("retyped in any case, with spaces or dashes, O for 0 and I or L for 1, give the same digest", () => {
    fc.assert(fc.property(codeArb.chain((code) => fc.tuple(fc.constant(code), retypedArb(code))), ([code, retyped]) => {
      const normalized = normalizeAccessCode(retyped);
      expect(normalized).toBe(code);
      expect(accessCodeDigest(normalized!)).toBe(accessCodeDigest(code));
    }), { numRuns: 500 });
  });

  it("a different code gives a different digest", () => {
    fc.assert(fc.property(codeArb, codeArb, (a, b) => {
      fc.pre(a !== b);
      expect(accessCodeDigest(a)).not.toBe(accessCodeDigest(b));
    }), { numRuns: 200 });
  });

  it.each([
    ["too short", "7KQ2-M9XD-4HRT-V0P"], ["too long", "7KQ2-M9XD-4HRT-V0PAA"], ["a letter outside the alphabet", "7KQ2-M9XD-4HRT-V0PU"],
    ["punctuation", "7KQ2.M9XD.4HRT.V0PA"], ["empty", ""],
  ])("%s is not a code", (_case, input) => {
    expect(normalizeAccessCode(input)).toBeNull();
  });
});

describe("the sign-in failure limiter", () => {
  const WINDOW = 15 * 60_000;
  function limiter(start = 1_000_000) {
    let now = start;
    const l = new FailureLimiter({ windowMs: WINDOW, maxFailures: 3, now: () => now });
    return { l, at: (t: number) => { now = start + t; } };
  }

  it("allows attempts until maxFailures failures within the window, then refuses until the first of them leaves it", () => {
    const { l, at } = limiter();
    at(0); l.fail("ip:1");
    at(60_000); l.fail("ip:1");
    expect(l.retryAfter("ip:1")).toBe(0);
    at(120_000); l.fail("ip:1");
    expect(l.retryAfter("ip:1")).toBe((WINDOW - 120_000) / 1000);
    at(WINDOW - 1);
    expect(l.retryAfter("ip:1")).toBe(1);
    at(WINDOW);
    expect(l.retryAfter("ip:1")).toBe(0);
  });

  it("counts keys separately", () => {
    const { l, at } = limiter();
    at(0);
    for (let i = 0; i < 3; i++) l.fail("login:anna");
    expect(l.retryAfter("login:anna")).toBeGreaterThan(0);
    expect(l.retryAfter("login:boris")).toBe(0);
  });

  it("a success forgets the failures", () => {
    const { l, at } = limiter();
    at(0);
    for (let i = 0; i < 3; i++) l.fail("k");
    l.succeed("k");
    expect(l.retryAfter("k")).toBe(0);
    l.fail("k");
    l.fail("k");
    expect(l.retryAfter("k")).toBe(0);
  });

  it("failures spread wider than the window never lock out", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: WINDOW / 3 + 1, max: 2 * WINDOW }), { minLength: 1, maxLength: 30 }), (gaps) => {
      const { l, at } = limiter();
      let t = 0;
      for (const gap of gaps) {
        at(t);
        expect(l.retryAfter("k")).toBe(0);
        l.fail("k");
        t += gap;
      }
    }), { numRuns: 100 });
  });
});

describe("session tokens", () => {
  const SECRET = "a-test-secret-of-at-least-32-characters!";
  const T0 = Date.parse("2026-11-23T09:00:00Z");
  const user: UserPrincipal = { kind: "user", id: "5b0c5e8a-6a43-4b7e-9d2a-0f1b2c3d4e5f", roles: ["teacher", "mentor"], regionId: "r1", municipalityId: "m1", schoolId: "s1" };
  const methodologist: UserPrincipal = { kind: "user", id: "u-2", roles: ["methodologist"], regionId: "r1", municipalityId: null, schoolId: null };
  const anonymous: AnonymousPrincipal = { kind: "anonymous", respondentId: "resp-42", instrumentId: "climate-students", schoolId: "s1", audience: "student" };

  it("carry a signed-in user and an anonymous respondent there and back", async () => {
    const tokens = createTokenService(SECRET, 60, () => T0);
    for (const principal of [user, methodologist, anonymous]) {
      const { token, expiresAt } = await tokens.issue(principal);
      expect(expiresAt.getTime()).toBe(T0 + 60 * 60_000);
      expect(await tokens.verify(token)).toEqual(principal);
    }
  });

  it("are refused once expired", async () => {
    let now = T0;
    const tokens = createTokenService(SECRET, 30, () => now);
    const { token } = await tokens.issue(user);
    now = T0 + 30 * 60_000 - 1000;
    expect(await tokens.verify(token)).toEqual(user);
    now = T0 + 30 * 60_000 + 1000;
    expect(await tokens.verify(token)).toBeNull();
  });

  it("are refused when signed with another secret", async () => {
    const { token } = await createTokenService("another-secret-of-at-least-32-characters", 60, () => T0).issue(user);
    expect(await createTokenService(SECRET, 60, () => T0).verify(token)).toBeNull();
  });

  it('are refused with alg "none" or another algorithm, even with the right claims', async () => {
    const tokens = createTokenService(SECRET, 60, () => T0);
    const { token } = await tokens.issue(user);
    const payload = token.split(".")[1]!;
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    expect(await tokens.verify(`${none}.${payload}.`)).toBeNull();
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: "HS512" }).sign(new TextEncoder().encode(SECRET));
    expect(await tokens.verify(hs512)).toBeNull();
  });

  it("are refused when their claims were changed after signing", async () => {
    const tokens = createTokenService(SECRET, 60, () => T0);
    const [header, payload, signature] = (await tokens.issue(user)).token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ["admin"] })).toString("base64url");
    expect(await tokens.verify(`${header}.${forged}.${signature}`)).toBeNull();
  });

  it("are refused from another issuer or audience, or without a known role", async () => {
    const tokens = createTokenService(SECRET, 60, () => T0);
    const key = new TextEncoder().encode(SECRET);
    const sign = (claims: Record<string, unknown>, issuer: string, audience: string) => new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" }).setIssuer(issuer).setAudience(audience).setSubject("u-1")
      .setIssuedAt(Math.floor(T0 / 1000)).setExpirationTime(Math.floor(T0 / 1000) + 600).sign(key);
    expect(await tokens.verify(await sign({ roles: ["teacher"] }, "orientir", "orientir-api"))).toMatchObject({ kind: "user", id: "u-1", roles: ["teacher"] });
    expect(await tokens.verify(await sign({ roles: ["teacher"] }, "someone-else", "orientir-api"))).toBeNull();
    expect(await tokens.verify(await sign({ roles: ["teacher"] }, "orientir", "another-api"))).toBeNull();
    expect(await tokens.verify(await sign({ roles: ["superuser"] }, "orientir", "orientir-api"))).toBeNull();
  });

  it("are refused when malformed", async () => {
    const tokens = createTokenService(SECRET, 60, () => T0);
    for (const token of ["", "abc", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "x".repeat(500)]) expect(await tokens.verify(token), token).toBeNull();
  });
});

describe("password hashes", () => {
  it("verify the right password and refuse a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("differ for the same password, because each has its own salt", async () => {
    const [a, b] = await Promise.all([hashPassword("пароль"), hashPassword("пароль")]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("пароль", a)).toBe(true);
    expect(await verifyPassword("пароль", b)).toBe(true);
  });

  it("verify a password typed in another Unicode normal form", async () => {
    const stored = await hashPassword("ёжик café");
    expect(await verifyPassword("е\u0308жик cafe\u0301", stored)).toBe(true);
  });

  it("refuse a stored value of another scheme or shape", async () => {
    for (const stored of ["", "plain", "bcrypt$10$abc$def", "scrypt$32768$8$1$$"]) expect(await verifyPassword("x", stored), stored).toBe(false);
  });
});
