// The request log an operator reads: slow and failing requests and a sample at info, everything at debug; route patterns, no addresses.
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { REQUEST_LOG } from "../../server/plugins/request-log.js";
import { setupTestApp, TEST_SECRET, type TestContext } from "../support/test-app.js";
import { workerDatabase } from "../support/test-database.js";

let t: TestContext;
let attemptId: string;
beforeAll(async () => {
  t = await setupTestApp();
  attemptId = (await t.as("teacher", { method: "POST", url: "/api/attempts", payload: { instrumentId: "subject-math" } })).json().id;
});
afterAll(async () => { await t.close(); });

/** The app as main.ts builds it, its log lines caught; plus two routes that fail and dawdle. */
async function appLogging(level: string): Promise<{ app: FastifyInstance; lines: Array<Record<string, unknown>> }> {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l)); done(); } });
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: "", JWT_SECRET: TEST_SECRET, LOG_LEVEL: level }), clientDir: "/nonexistent" };
  const { handle } = await workerDatabase();
  const app = await buildApp({ config, database: handle, registry: t.registry, tokens: t.tokens, logger: { level, stream } });
  app.get("/api/test-failure/:id", { config: { access: "public" } }, async () => { throw new Error("broken on purpose"); });
  app.get("/api/test-slow/:id", { config: { access: "public" } }, async () => { await new Promise((r) => setTimeout(r, REQUEST_LOG.slowMs + 50)); return { ok: true }; });
  await app.ready();
  return { app, lines };
}

const requestLines = (lines: Array<Record<string, unknown>>) => lines.filter((l) => typeof l.route === "string");
const save = (app: FastifyInstance, authorization: string) =>
  app.inject({ method: "PUT", url: `/api/attempts/${attemptId}`, headers: { authorization, "x-forwarded-for": "203.0.113.9" }, payload: { data: {} }, remoteAddress: "198.51.100.77" });

describe("at info", () => {
  it("logs one request in a hundred, with id, route pattern, status and time, and no address", async () => {
    const { app, lines } = await appLogging("info");
    const authorization = `Bearer ${await t.tokenOf("teacher")}`;
    for (let i = 0; i < 2 * REQUEST_LOG.sampleEvery; i++) expect((await save(app, authorization)).statusCode).toBe(200);
    const logged = requestLines(lines);
    expect(logged).toHaveLength(2);
    for (const line of logged) {
      expect(line).toMatchObject({ level: 30, reqId: expect.any(String), method: "PUT", route: "/api/attempts/:id", status: 200, ms: expect.any(Number), sample: REQUEST_LOG.sampleEvery });
      const text = JSON.stringify(line);
      expect(text).not.toContain(attemptId);
      expect(text).not.toMatch(/203\.0\.113\.9|198\.51\.100\.77|127\.0\.0\.1/);
    }
    await app.close();
  });

  it("logs every failing and slow request at warn, and refusals not at all", async () => {
    const { app, lines } = await appLogging("info");
    expect((await app.inject({ method: "GET", url: "/api/test-failure/123" })).statusCode).toBe(500);
    expect((await app.inject({ method: "GET", url: "/api/test-slow/456" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/api/me" })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/api/nowhere" })).statusCode).toBe(404);
    const logged = requestLines(lines);
    expect(logged.map((l) => [l.level, l.route, l.status, l.msg])).toEqual([
      [40, "/api/test-failure/:id", 500, "request failed"],
      [40, "/api/test-slow/:id", 200, "slow request"],
    ]);
    expect(Number(logged[1]!.ms)).toBeGreaterThan(REQUEST_LOG.slowMs);
    // The failure's cause is logged once too, by the error handler, under the same request id.
    expect(lines.find((l) => l.msg === "unhandled error")?.reqId).toBe(logged[0]!.reqId);
    await app.close();
  });
});

describe("at debug", () => {
  it("logs every request once, refusals included", async () => {
    const { app, lines } = await appLogging("debug");
    const authorization = `Bearer ${await t.tokenOf("teacher")}`;
    for (let i = 0; i < 5; i++) await save(app, authorization);
    await app.inject({ method: "GET", url: "/api/me" });
    await app.inject({ method: "GET", url: "/api/nowhere" });
    const logged = requestLines(lines);
    expect(logged).toHaveLength(7);
    expect(logged.slice(5).map((l) => [l.route, l.status, l.msg])).toEqual([["/api/me", 401, "request refused"], ["(no route)", 404, "request refused"]]);
    expect(new Set(logged.map((l) => l.reqId)).size).toBe(7);
    await app.close();
  });
});
