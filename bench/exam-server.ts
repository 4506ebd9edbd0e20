// Child process of the exam-path benchmarks: Orientir (production logger) and the bare routes, over one database, loaded from outside.
import path from "node:path";
import { CompiledQuery } from "kysely";
import pg from "pg";
import { buildApp } from "../server/app.js";
import { loadRegistry } from "../server/bootstrap.js";
import { loadConfig } from "../server/config.js";
import { openDatabase, type DatabaseHandle } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrator.js";
import { createTokenService } from "../server/modules/auth/tokens.js";
import { syncLibrary } from "../server/modules/instruments/instruments.service.js";
import { scoreResponse } from "../server/modules/scoring/scorer.js";
import { executePrepared } from "../server/db/prepared-statement.js";
import { bareApp, type BareOptions, type RawQuery } from "./bare-routes.js";
import { BENCH_INSTRUMENT, seedExam, type ExamSeed } from "./exam-seed.js";

export interface ServerRequest { kind: "postgres" | "pglite"; url?: string; pgliteDir?: string; autosave: number; submit: number; bareSubmit: number; response: Record<string, unknown> }
export interface ServerReady { app: string; bare: string; seed: ExamSeed; instrumentBytes: number }

const POOL_SIZE = 10;
const SECRET = "bench-secret-bench-secret-bench-secret-bench";

/** The same database both ways: the app's as main.ts opens it, and beside it a pg pool of the same size, or the very same PGlite. */
async function open(r: ServerRequest): Promise<{ database: DatabaseHandle; query: RawQuery; plainQuery: BareOptions["plainQuery"]; close(): Promise<void> }> {
  const database = await openDatabase({ databaseUrl: r.url, pgliteDir: r.pgliteDir, poolSize: POOL_SIZE });
  if (r.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: r.url, max: POOL_SIZE });
    return {
      database, query: (name, text, values) => pool.query({ name, text, values }), plainQuery: (text, values) => pool.query(text, values),
      close: async () => { await pool.end(); await database.close(); },
    };
  }
  // PGlite is in this process and has no named statements in its API: the app's own way (PREPARE, then EXECUTE).
  return {
    database, query: (_name, text, params) => executePrepared(database.db, CompiledQuery.raw(text, params)),
    plainQuery: (text, params) => database.db.executeQuery(CompiledQuery.raw(text, params)), close: () => database.close(),
  };
}

async function start(r: ServerRequest): Promise<void> {
  const registry = await loadRegistry(path.resolve(import.meta.dirname, "../surveys"));
  const { database, query, plainQuery, close } = await open(r);
  await migrateToLatest(database.db);
  await syncLibrary(database.db, registry.all().map((i) => i.definition), registry.catalogues);
  const tokens = createTokenService(SECRET, 240);
  const seed = await seedExam(database.db, registry, tokens, { autosave: r.autosave, submit: r.submit, bareSubmit: r.bareSubmit });

  // As main.ts builds it: the configured logger (LOG_LEVEL, info by default) writing to stdout.
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: r.url ?? "", JWT_SECRET: SECRET }), clientDir: "/nonexistent" };
  const app = await buildApp({ config, database, registry, tokens });
  const served = await app.inject({ method: "GET", url: `/api/instruments/${BENCH_INSTRUMENT}`, headers: { authorization: `Bearer ${seed.viewerToken}` } });
  if (served.statusCode !== 200) throw new Error(`the instrument answered ${served.statusCode}`);
  const math = registry.get(BENCH_INSTRUMENT)!;
  const bare = await bareApp({
    query, plainQuery, instrumentId: BENCH_INSTRUMENT, version: math.definition.version, schoolId: "bench-s", campaignId: "bench-c",
    submitUsers: seed.bareSubmitUsers, scored: scoreResponse(math.answerKey, math.codec.toStored(r.response)), instrumentBytes: served.rawPayload,
  });
  const address = async (a: typeof app) => { await a.listen({ port: 0, host: "127.0.0.1" }); return `http://127.0.0.1:${(a.server.address() as { port: number }).port}`; };
  const ready: ServerReady = { app: await address(app), bare: await address(bare), seed, instrumentBytes: served.rawPayload.length };
  process.send!({ ready });
  process.on("message", async (m: { stop?: boolean }) => {
    if (!m.stop) return;
    await app.close();
    await bare.close();
    await close();
    process.exit(0);
  });
}

process.once("message", (r: ServerRequest) => {
  start(r).catch((error: unknown) => {
    process.send!({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
    process.exit(1);
  });
});
