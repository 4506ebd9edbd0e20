// Bad input on every route of the teacher's journey: a 4xx in the contract's error shape, never a 500, nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestApp, type TestContext } from "../support/test-app.js";

let t: TestContext;
let attemptId: string;
beforeAll(async () => {
  t = await setupTestApp();
  attemptId = (await t.as("teacher", { method: "POST", url: "/api/attempts", payload: { instrumentId: "subject-math" } })).json().id;
});
afterAll(async () => { await t.close(); });

type Case = [name: string, method: "GET" | "POST" | "PUT", url: () => string, body: unknown, status: number, auth?: boolean];
const uuid = "00000000-0000-4000-8000-000000000000";
const big = "x".repeat(1_100_000);

const cases: Case[] = [
  ["login without password", "POST", () => "/api/auth/login", { login: "a" }, 400, false],
  ["login with a number", "POST", () => "/api/auth/login", { login: 5, password: "x" }, 400, false],
  ["login with extra fields", "POST", () => "/api/auth/login", { login: "a", password: "b", admin: true }, 400, false],
  ["login with an empty login", "POST", () => "/api/auth/login", { login: "", password: "b" }, 400, false],
  ["login with broken JSON", "POST", () => "/api/auth/login", "{not json", 400, false],
  ["login with a huge body", "POST", () => "/api/auth/login", { login: big, password: "x" }, 413, false],
  ["code without code", "POST", () => "/api/auth/code", {}, 400, false],
  ["code as an array", "POST", () => "/api/auth/code", { code: ["a"] }, 400, false],
  ["me without a token", "GET", () => "/api/me", undefined, 401, false],
  ["profile without a token", "GET", () => "/api/me/profile", undefined, 401, false],
  ["instrument id with a slash trick", "GET", () => "/api/instruments/..%2F..%2Fetc", undefined, 400],
  ["instrument that does not exist", "GET", () => "/api/instruments/nope", undefined, 404],
  ["start without instrument", "POST", () => "/api/attempts", {}, 400],
  ["start with an unknown instrument", "POST", () => "/api/attempts", { instrumentId: "nope" }, 404],
  ["start with a number", "POST", () => "/api/attempts", { instrumentId: 12 }, 400],
  ["attempt id that is not a uuid", "GET", () => "/api/attempts/123", undefined, 400],
  ["attempt that does not exist", "GET", () => `/api/attempts/${uuid}`, undefined, 404],
  ["save without data", "PUT", () => `/api/attempts/${attemptId}`, {}, 400],
  ["save with data as a list", "PUT", () => `/api/attempts/${attemptId}`, { data: [1, 2] }, 400],
  ["save with data as a string", "PUT", () => `/api/attempts/${attemptId}`, { data: "answers" }, 400],
  ["save with a negative page", "PUT", () => `/api/attempts/${attemptId}`, { data: {}, currentPage: -1 }, 400],
  ["save with a huge body", "PUT", () => `/api/attempts/${attemptId}`, { data: { "m-wp-01": big } }, 413],
  ["submit with data as a number", "POST", () => `/api/attempts/${attemptId}/submit`, { data: 5 }, 400],
  ["submit with extra fields", "POST", () => `/api/attempts/${attemptId}/submit`, { data: {}, score: 100 }, 400],
  ["result of a bad id", "GET", () => "/api/attempts/xyz/result", undefined, 400],
  ["profile of a bad id", "GET", () => "/api/users/xyz/profile", undefined, 400],
  ["profile of nobody", "GET", () => `/api/users/${uuid}/profile`, undefined, 404],
];

describe("bad input", () => {
  it.each(cases)("%s → %i", async (_name, method, url, body, status, auth = true) => {
    const options = {
      method, url: url(),
      ...(body === undefined ? {} : typeof body === "string" ? { payload: body, headers: { "content-type": "application/json" } } : { payload: body as object }),
    };
    const res = auth ? await t.as("teacher", options) : await t.app.inject(options);
    expect(res.statusCode).toBe(status);
    const error = res.json().error;
    expect(typeof error.code).toBe("string");
    expect(error.message).toMatch(/[А-Яа-яЁё]/);
  });

  it("left the attempt untouched", async () => {
    const attempt = (await t.as("teacher", { method: "GET", url: `/api/attempts/${attemptId}` })).json();
    expect(attempt).toMatchObject({ status: "in_progress", data: {}, currentPage: 0 });
  });
});
