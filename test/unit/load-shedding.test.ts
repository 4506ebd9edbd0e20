// Beyond capacity the server sheds: 503 with Retry-After in the contract's shape, health exempt, and back to normal by itself.
import { scryptSync } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/database";
import errorsPlugin from "../../server/plugins/errors";
import loadShedding, { SHEDDING } from "../../server/plugins/load-shedding";
import { PasswordPool } from "../../server/modules/auth/password-pool";

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function build(queueDelayMs?: () => number): Promise<FastifyInstance> {
  const instance = Fastify({ logger: false });
  await instance.register(errorsPlugin);
  await instance.register(loadShedding, { queueDelayMs });
  instance.get("/api/health", async () => ({ status: "ok" }));
  instance.put("/api/attempts/:id", async () => ({ saved: true }));
  instance.get("/slow", async () => { await held; return { slow: true }; });
  await instance.ready();
  return instance;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let release: () => void = () => undefined;
let held = Promise.resolve();
/** `count` requests that stay in the server until released: the crowd that makes a lag an overload. */
function crowd(instance: FastifyInstance, count: number): Promise<unknown> {
  held = new Promise<void>((resolve) => { release = resolve; });
  return Promise.all(Array.from({ length: count }, () => instance.inject({ method: "GET", url: "/slow" })));
}

describe("load shedding", () => {
  it("answers normally while the database queue is short", async () => {
    app = await build(() => 3);
    const reply = await app.inject({ method: "PUT", url: "/api/attempts/x" });
    expect(reply.statusCode).toBe(200);
  });

  it("refuses with 503, Retry-After and a Russian message in the contract's shape while queries wait too long for the database, then recovers", async () => {
    let delay = 0;
    app = await build(() => delay);
    const crowded = crowd(app, SHEDDING.minInFlight);
    await settle(10);
    delay = SHEDDING.maxQueueDelayMs + 1;
    await settle(SHEDDING.checkIntervalMs * 2);
    const refused = await app.inject({ method: "PUT", url: "/api/attempts/x" });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBe(String(SHEDDING.retryAfterSeconds));
    expect(refused.json()).toEqual({ error: { code: "overloaded", message: expect.stringMatching(/перегружен/) } });

    const health = await app.inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(200);

    delay = 0;
    await settle(SHEDDING.checkIntervalMs * 3);
    expect((await app.inject({ method: "PUT", url: "/api/attempts/x" })).statusCode).toBe(200);
    release();
    await crowded;
  });

  it("refuses on arrival past the in-flight cap, health exempt, and lets in again once the crowd is served", async () => {
    app = await build();
    const crowded = crowd(app, SHEDDING.maxInFlight);
    await settle(50);
    const refused = await app.inject({ method: "PUT", url: "/api/attempts/x" });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBe(String(SHEDDING.retryAfterSeconds));
    expect(refused.json().error.code).toBe("overloaded");
    expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    release();
    await crowded;
    expect((await app.inject({ method: "PUT", url: "/api/attempts/x" })).statusCode).toBe(200);
  });

  it("lets a lone request through a lag: a slow moment with nobody waiting is not overload", async () => {
    app = await build(() => SHEDDING.maxQueueDelayMs + 1);
    await settle(SHEDDING.checkIntervalMs * 2);
    expect((await app.inject({ method: "PUT", url: "/api/attempts/x" })).statusCode).toBe(200);
  });

  it("refuses while the event loop lags with a crowd inside, and recovers once it no longer does", async () => {
    app = await build();
    const crowded = crowd(app, SHEDDING.minInFlight);
    await settle(10);
    const until = Date.now() + SHEDDING.sampleIntervalMs * 2.5;
    // Busy work in slices that each block far longer than the threshold, as a saturated process does.
    while (Date.now() < until) {
      const slice = Date.now() + SHEDDING.maxEventLoopDelayMs * 3;
      while (Date.now() < slice) { /* spin */ }
      await settle(0);
    }
    const refused = await app.inject({ method: "PUT", url: "/api/attempts/x" });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBeDefined();
    await settle(SHEDDING.sampleIntervalMs * 3);
    expect((await app.inject({ method: "PUT", url: "/api/attempts/x" })).statusCode).toBe(200);
    release();
    await crowded;
  });
});

describe("the password pool", () => {
  const options = { N: 1024, r: 8, p: 1, maxmem: 256 * 1024 * 8 };

  it("gives the same keys as scrypt itself, many at once, at most one per worker at a time", async () => {
    const pool = new PasswordPool(2);
    const jobs = Array.from({ length: 12 }, (_, i) => ({ password: `пароль-${i}`, salt: Buffer.from(`salt-${i}`), keylen: 32, options }));
    const pending = jobs.map((job) => pool.run(job));
    expect(pool.queued).toBe(10);
    expect(pool.expectedWaitMs()).toBeGreaterThan(0);
    const keys = await Promise.all(pending);
    keys.forEach((key, i) => expect(key.equals(scryptSync(jobs[i]!.password, jobs[i]!.salt, 32, options))).toBe(true));
    expect(pool.queued).toBe(0);
    expect(pool.expectedWaitMs()).toBe(0);
  });

  it("rejects a job scrypt refuses, and goes on with the next", async () => {
    const pool = new PasswordPool(1);
    await expect(pool.run({ password: "x", salt: Buffer.from("s"), keylen: 32, options: { ...options, N: 3 } })).rejects.toThrow();
    const key = await pool.run({ password: "x", salt: Buffer.from("s"), keylen: 32, options });
    expect(key.equals(scryptSync("x", Buffer.from("s"), 32, options))).toBe(true);
  });
});

describe("the database queue's delay", () => {
  it.runIf(process.env.DATABASE_URL)("is how long the oldest query has waited for a pg pool connection", async () => {
    const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
    expect(handle.queueDelayMs?.()).toBe(0);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    // One transaction holds the only connection; a query behind it waits.
    const holder = handle.db.transaction().execute(async (trx) => { await sql`select 1`.execute(trx); await held; });
    await settle(20);
    const waiter = sql`select 2`.execute(handle.db);
    await settle(150);
    expect(handle.queueDelayMs!()).toBeGreaterThanOrEqual(120);
    release();
    await Promise.all([holder, waiter]);
    expect(handle.queueDelayMs!()).toBe(0);
    await handle.close();
  });

  it("is not measured on PGlite, whose statements run on the event loop that is watched already", async () => {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    expect(handle.queueDelayMs).toBeUndefined();
    await handle.close();
  });
});
