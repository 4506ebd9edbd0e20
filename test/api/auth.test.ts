// Sign-in: password and access code, token checks, renewal, rate limiting of failed attempts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { accessCodeDigest, generateAccessCode, normalizeAccessCode } from "../../server/modules/auth/access-codes.js";
import { PASSWORD } from "../support/fixtures.js";
import { setupTestApp, TEST_SECRET, type TestContext } from "../support/test-app.js";

let t: TestContext;
beforeAll(async () => { t = await setupTestApp(); });
afterAll(async () => { await t.close(); });

const login = (body: unknown, remoteAddress = "10.0.0.1") =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: body as object, remoteAddress });

describe("password sign-in", () => {
  it("returns a token and the user, with roles and scope", async () => {
    const res = await login({ login: t.people.principal.login, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: t.people.principal.id, roles: ["principal"], schoolId: "s-low", municipalityId: "m1" });
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${body.token}` } });
    expect(me.json()).toMatchObject({ id: t.people.principal.id, name: "Тест principal" });
  });

  it("accepts the login in any case and with spaces around it", async () => {
    const res = await login({ login: `  ${t.people.teacher.login.toUpperCase()} `, password: PASSWORD });
    expect(res.statusCode).toBe(200);
  });

  it("refuses a wrong password and an unknown login alike, with 401", async () => {
    for (const body of [{ login: t.people.teacher.login, password: "wrong" }, { login: "nobody@test", password: PASSWORD }]) {
      const res = await login(body, "10.0.0.2");
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: "invalid_credentials", message: "Неверный логин или пароль" } });
    }
  });

  it("rate limits repeated failures for a login with 429 and Retry-After", async () => {
    const target = t.people.teacherRussian.login;
    for (let i = 0; i < 10; i++) expect((await login({ login: target, password: `bad-${i}` }, `10.1.0.${i}`)).statusCode).toBe(401);
    const limited = await login({ login: target, password: PASSWORD }, "10.1.0.99");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Another person is not affected.
    expect((await login({ login: t.people.admin.login, password: PASSWORD }, "10.1.0.98")).statusCode).toBe(200);
  });
});

describe("tokens", () => {
  it("rejects missing, malformed, forged, expired and alg=none tokens with 401", async () => {
    const key = new TextEncoder().encode(TEST_SECRET);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ roles: ["admin"] }).setProtectedHeader({ alg: "HS256" }).setSubject(t.people.admin.id)
      .setIssuer("orientir").setAudience("orientir-api").setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(key);
    const forged = await new SignJWT({ roles: ["admin"] }).setProtectedHeader({ alg: "HS256" }).setSubject(t.people.admin.id)
      .setIssuer("orientir").setAudience("orientir-api").setExpirationTime(now + 3600).sign(new TextEncoder().encode("another-secret-another-secret-another"));
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ sub: t.people.admin.id, roles: ["admin"], iss: "orientir", aud: "orientir-api", exp: now + 3600 })).toString("base64url");
    for (const authorization of [undefined, "Bearer", "Bearer abc.def", `Bearer ${expired}`, `Bearer ${forged}`, `Bearer ${header}.${payload}.`]) {
      const res = await t.app.inject({ method: "GET", url: "/api/me", headers: authorization ? { authorization } : {} });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json().error.code).toMatch(/unauthorized|invalid_token/);
    }
  });

  it("renews a valid session", async () => {
    const res = await t.as("teacher", { method: "POST", url: "/api/auth/refresh" });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(t.people.teacher.id);
  });
});

describe("access codes", () => {
  async function issue(kind: "person" | "anonymous", extra: Record<string, unknown> = {}) {
    const code = generateAccessCode();
    await t.db.insertInto("access_codes").values({
      code_hash: accessCodeDigest(normalizeAccessCode(code)!), kind, expires_at: new Date(Date.now() + 86_400_000), ...extra,
    }).execute();
    return code;
  }

  it("signs a person in by their code, typed loosely", async () => {
    const code = await issue("person", { user_id: t.people.teacherElsewhere.id });
    const res = await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code: ` ${code.toLowerCase().replace(/-/g, " ")} ` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: t.people.teacherElsewhere.id, roles: ["teacher"] });
  });

  it("gives an anonymous respondent a token with no identity, once", async () => {
    const code = await issue("anonymous", { school_id: "s-low", instrument_id: "subject-math", audience: "teacher" });
    const res = await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code } });
    expect(res.statusCode).toBe(200);
    const { token, user } = res.json();
    expect(user).toMatchObject({ id: "anonymous", roles: [], anonymous: true });
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    expect(claims.sub).toBeUndefined();
    expect((await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code } })).statusCode).toBe(401);
  });

  it("refuses unknown, malformed and expired codes with 401", async () => {
    const expired = generateAccessCode();
    await t.db.insertInto("access_codes").values({
      code_hash: accessCodeDigest(normalizeAccessCode(expired)!), kind: "person", user_id: t.people.teacher.id, expires_at: new Date(Date.now() - 1000),
    }).execute();
    for (const code of [generateAccessCode(), "short", expired]) {
      const res = await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code }, remoteAddress: "10.9.9.9" });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("invalid_code");
    }
  });
});

describe("an anonymous respondent", () => {
  it("takes only the questionnaire of its code, once, and its attempt stores no identity", async () => {
    const instrument = t.registry.all().find((i) => i.definition.anonymous)?.definition.id;
    if (!instrument) return;
    const code = generateAccessCode();
    await t.db.insertInto("access_codes").values({
      code_hash: accessCodeDigest(normalizeAccessCode(code)!), kind: "anonymous", school_id: "s-low", instrument_id: instrument, audience: "teacher",
      expires_at: new Date(Date.now() + 86_400_000),
    }).execute();
    const { token } = (await t.app.inject({ method: "POST", url: "/api/auth/code", payload: { code } })).json();
    const headers = { authorization: `Bearer ${token}` };
    const list = (await t.app.inject({ method: "GET", url: "/api/instruments", headers })).json();
    expect(list.map((i: { id: string }) => i.id)).toEqual([instrument]);
    expect((await t.app.inject({ method: "POST", url: "/api/attempts", headers, payload: { instrumentId: "subject-math" } })).statusCode).toBe(403);
    const started = await t.app.inject({ method: "POST", url: "/api/attempts", headers, payload: { instrumentId: instrument } });
    expect(started.statusCode).toBe(201);
    const id = started.json().id;
    expect((await t.app.inject({ method: "POST", url: `/api/attempts/${id}/submit`, headers, payload: { data: {} } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: "/api/attempts", headers, payload: { instrumentId: instrument } })).statusCode).toBe(409);
    const row = await t.db.selectFrom("attempts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.user_id).toBeNull();
    expect(row).toMatchObject({ school_id: "s-low", audience: "teacher" });
    expect((await t.app.inject({ method: "GET", url: "/api/me/profile", headers })).statusCode).toBe(403);
  });
});
