// `npm run bench`: throughput figures as ratios against a baseline measured in the same run.
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadRegistry } from "../server/bootstrap.js";
import { openDatabase } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrator.js";
import { syncLibrary } from "../server/modules/instruments/instruments.service.js";
import { benchScoring, makeResponses } from "./scoring.js";
import { benchExamPaths, examLines, type ExamOptions } from "./exam-paths.js";
import { benchImports } from "./imports.js";
import { benchGrouping, formatGrouping } from "./grouping.js";
import { benchMatching, matchingLines } from "./matching.js";

const EXAM: ExamOptions = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  submits: Number(process.env.BENCH_SUBMITS ?? 3000),
  autosaveAttempts: 500,
  answers: 30,
};
/** BENCH_ONLY=exam runs sections 1–2 alone; BENCH_DB=postgres|pglite limits section 2 to one database. */
const ONLY = process.env.BENCH_ONLY;
const DATABASES = (process.env.BENCH_DB ?? "postgres,pglite").split(",");

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: n < 10 ? 2 : 0 });

const registry = await loadRegistry(path.resolve(import.meta.dirname, "../surveys"));
const math = registry.get("subject-math");
if (!math) throw new Error("surveys/subject-math.json is needed for the benchmark");
const responses = makeResponses(math, 200);

console.log(`Orientir benchmark · ${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown CPU"}) · Node ${process.version}`);
console.log(`instrument: subject-math v${math.definition.version}, ${math.answerKey.items.length} scored items; ${responses.length} simulated responses\n`);

const scoring = await benchScoring(math, responses);
console.log("1. Scoring one response");
console.log(`   pure scorer (precompiled key)        ${fmt(scoring.pure.perSecond).padStart(12)} responses/s`);
console.log(`   survey-core Model + isAnswerCorrect  ${fmt(scoring.model.perSecond).padStart(12)} responses/s   (baseline)`);
console.log(`   ratio pure / survey-core             ${fmt(scoring.ratio).padStart(12)} ×\n`);

// Section 2 runs on PostgreSQL (DATABASE_URL, or a server answering on 127.0.0.1:5432) and on PGlite.
const postgresUrl = process.env.DATABASE_URL || (await reachable("postgres://postgres@127.0.0.1:5432/postgres"));
console.log("2. Exam-day paths over HTTP, each against a bare Fastify route doing the same work in the same run (autocannon)");
for (const kind of ["postgres", "pglite"] as const) {
  if (!DATABASES.includes(kind)) continue;
  if (kind === "postgres" && !postgresUrl) { console.log("   postgres: no server (set DATABASE_URL): skipped\n"); continue; }
  const scratchPg = kind === "postgres" ? await createScratchDatabase(postgresUrl!, "exam") : undefined;
  try {
    for (const line of examLines(await benchExamPaths(kind, scratchPg?.url, math, responses[0]!, EXAM), EXAM)) console.log(line);
    console.log("");
  } finally {
    await scratchPg?.drop();
  }
}
if (ONLY === "exam") process.exit(0);

// With DATABASE_URL, the bench uses a scratch database of its own on that server and drops it after.
const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : undefined;
const database = await openDatabase({ databaseUrl: scratch?.url, pgliteDir: "memory://", poolSize: 10 });
await migrateToLatest(database.db);
await syncLibrary(database.db, registry.all().map((i) => i.definition), registry.catalogues);
try {
  const imports = await benchImports(database, registry);
  console.log(`3. Importing a staff file (${database.kind}, ${imports.people} people)`);
  console.log(`   check XLSX (read, validate, set-based look-ups)                ${fmt(imports.checkXlsxMs).padStart(8)} ms`);
  console.log(`   check CSV                                                      ${fmt(imports.checkCsvMs).padStart(8)} ms`);
  console.log(`   import (one transaction: upserts, roles, campaign assignments) ${fmt(imports.importMs).padStart(8)} ms  ${fmt(imports.importPerSecond)} people/s`);
  console.log(`   re-import of the same file (creates nothing)                   ${fmt(imports.reimportMs).padStart(8)} ms`);
  console.log(`   bare multi-row INSERT of the same people                       ${fmt(imports.baselineMs).padStart(8)} ms  ${fmt(imports.baselinePerSecond)} people/s   (baseline)`);
  console.log(`   ratio import / bare insert                                     ${fmt(imports.ratio).padStart(8)} ×`);
} finally {
  await database.close();
  await scratch?.drop();
}

console.log("\n4. Course groups: grouping against the plain greedy baseline (groups of 15–25)");
for (const line of formatGrouping(await benchGrouping(registry))) console.log(line);

const [matchingHead, ...matchingRest] = matchingLines(await benchMatching());
console.log(`\n5. ${matchingHead}`);
for (const line of matchingRest) console.log(line);

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return undefined;
  }
}

async function createScratchDatabase(url: string, part = "") {
  const name = `orientir_bench_${part}${process.pid}`;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await run(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
