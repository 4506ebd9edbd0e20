// Health answers without a token and names the database in use.
import { afterAll, beforeAll, expect, it } from "vitest";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
beforeAll(async () => { t = await setupTestApp(); });
afterAll(async () => { await t.close(); });

it("reports ok and the database kind", async () => {
  const res = await t.app.inject({ method: "GET", url: "/api/health" });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ status: "ok", db: process.env.DATABASE_URL ? "postgres" : "pglite" });
});

it("answers unknown API paths with 404 in the error shape", async () => {
  const res = await t.app.inject({ method: "GET", url: "/api/nothing-here" });
  expect(res.statusCode).toBe(404);
  expect(res.json().error.code).toBe("not_found");
});

it("serves the OpenAPI description of every route", async () => {
  const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
  const paths = Object.keys(res.json().paths);
  expect(paths).toEqual(expect.arrayContaining(["/api/health", "/api/auth/login", "/api/attempts/{id}/submit", "/api/me/profile"]));
});
