// `npx tsx bench/school-facts.ts`: the facts of every school of a 1,000-school region, against reading the same tables bare.
import path from "node:path";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { loadRegistry } from "../server/bootstrap.js";
import { openDatabase } from "../server/db/database.js";
import { migrateToLatest } from "../server/db/migrator.js";
import type { Database } from "../server/db/schema.js";
import { Rng } from "../server/modules/demo/demo-region.js";
import { syncLibrary } from "../server/modules/instruments/instruments.service.js";
import type { InstrumentRegistry } from "../server/modules/instruments/registry.js";
import { demoConditionsAnswers, demoDisadvantage } from "../server/modules/schools/demo-conditions.js";
import { demoExamRows, demoFailBase } from "../server/modules/schools/demo-exams.js";
import { oneSchoolFacts, regionSchoolFacts } from "../server/modules/schools/school-facts.service.js";

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 1000);
const TEACHERS = 24;
const RUNS = 5;

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** A region of SCHOOLS schools: teachers with a scored subject test each, a principal with a leader self-assessment, cards for 90 %, two years of results. */
async function seedRegion(db: Kysely<Database>, registry: InstrumentRegistry) {
  const rng = new Rng(20261202);
  await db.insertInto("regions").values({ id: "bench", name: "Регион для замера" }).execute();
  await db.insertInto("municipalities").values(Array.from({ length: 40 }, (_, i) => ({ id: `bm${i}`, region_id: "bench", name: `Район ${i}` }))).execute();
  const schools = Array.from({ length: SCHOOLS }, (_, i) => {
    const locality = (["city", "town", "rural"] as const)[i % 3]!;
    const lowResults = rng.chance(0.25);
    return { id: `bs${i}`, municipality_id: `bm${i % 40}`, name: `Школа ${i}`, short_name: `Школа ${i}`, locality, students: rng.int(60, 1200),
      low_results: lowResults, unfavourable: rng.chance(0.2), high_results: !lowResults && rng.chance(0.1), clusters: lowResults ? ["low-results"] : [] };
  });
  await chunked(schools, (c) => db.insertInto("schools").values(c).execute());
  await db.insertInto("campaigns").values({ id: "bench-c", region_id: "bench", title: "Замер", wave: "input", status: "closed", starts_on: "2026-09-01", ends_on: "2026-10-30" }).execute();

  const users: Array<{ id: string; school_id: string; role: "teacher" | "principal" }> = [];
  for (const s of schools) {
    users.push({ id: rng.uuid(), school_id: s.id, role: "principal" });
    for (let k = 0; k < TEACHERS; k++) users.push({ id: rng.uuid(), school_id: s.id, role: "teacher" });
  }
  await chunked(users, (c) => db.insertInto("users").values(c.map((u) => ({ id: u.id, full_name: "Учитель", region_id: "bench", school_id: u.school_id, municipality_id: schools.find((s) => s.id === u.school_id)!.municipality_id }))).execute());
  await chunked(users, (c) => db.insertInto("user_roles").values(c.map((u) => ({ user_id: u.id, role: u.role }))).execute());

  const math = registry.get("subject-math")!;
  const leader = registry.get("leader-competency")!;
  const card = registry.get("school-conditions")!.definition;
  const attempts: Array<Record<string, unknown>> = [];
  const results: Array<Record<string, unknown>> = [];
  const levelOf = (p: number) => (p < 50 ? "deficit" : p < 75 ? "partial" : "proficient") as "deficit";
  const submitted = new Date("2026-09-20T10:00:00Z");
  for (const u of users) {
    const loaded = u.role === "teacher" ? math : leader;
    const id = rng.uuid();
    attempts.push({ id, user_id: u.id, school_id: u.school_id, audience: u.role, instrument_id: loaded.definition.id, version: loaded.definition.version,
      campaign_id: "bench-c", status: "submitted", data: "{}", started_at: submitted, updated_at: submitted, submitted_at: submitted });
    for (const c of loaded.answerKey.competencies) {
      const percent = Math.round(rng.float() * 100);
      results.push({ attempt_id: id, competency_id: c.id, score: percent, max_score: 100, percent, level: levelOf(percent), items: 4 });
    }
  }
  for (const s of schools) {
    if (!rng.chance(0.9)) continue;
    const principal = users.find((u) => u.school_id === s.id && u.role === "principal")!;
    const school = { locality: s.locality, students: s.students, lowResults: s.low_results, unfavourable: s.unfavourable, highResults: s.high_results, clusters: s.clusters };
    attempts.push({ id: rng.uuid(), user_id: principal.id, school_id: s.id, audience: "principal", instrument_id: card.id, version: card.version, campaign_id: "bench-c",
      status: "submitted", data: JSON.stringify(demoConditionsAnswers(school, demoDisadvantage(school, rng), rng)), started_at: submitted, updated_at: submitted, submitted_at: submitted });
  }
  await chunked(attempts, (c) => db.insertInto("attempts").values(c as never).execute(), 500);
  await chunked(results, (c) => db.insertInto("competency_results").values(c as never).execute(), 2000);
  const exams = schools.flatMap((s) => {
    const school = { locality: s.locality, students: s.students, lowResults: s.low_results, unfavourable: s.unfavourable, highResults: s.high_results, clusters: s.clusters };
    return demoExamRows(school, demoFailBase(school, rng), 2026, rng).map((r) => ({ school_id: s.id, year: r.year, exam: r.exam, subject: r.subject, grade: r.grade,
      participants: r.participants, mean_score: r.meanScore, share_failed: r.shareFailed, share_high: r.shareHigh }));
  });
  await chunked(exams, (c) => db.insertInto("exam_results").values(c).execute(), 2000);
  await sql`analyze`.execute(db);
  return { users: users.length, attempts: attempts.length, results: results.length, exams: exams.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(run: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

async function scratchDatabase(url: string) {
  const name = `orientir_bench_facts_${process.pid}`;
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

const registry = await loadRegistry(path.resolve(import.meta.dirname, "../surveys"));
const scratch = process.env.DATABASE_URL ? await scratchDatabase(process.env.DATABASE_URL) : undefined;
const database = await openDatabase({ databaseUrl: scratch?.url, pgliteDir: "memory://", poolSize: 10 });
try {
  await migrateToLatest(database.db);
  await syncLibrary(database.db, registry.all().map((i) => i.definition), registry.catalogues);
  const size = await seedRegion(database.db, registry);
  console.log(`School facts (${database.kind}): ${SCHOOLS} schools, ${size.users} people, ${size.attempts} attempts, ${size.results} competency results, ${size.exams} exam rows`);
  const facts = await time(() => regionSchoolFacts(database.db, registry, "bench"));
  const one = await time(() => oneSchoolFacts(database.db, registry, "bs7"));
  // The baseline: the same tables read whole, with no grouping, ranking or rules.
  const bare = await time(() => Promise.all([
    database.db.selectFrom("attempts").select(["school_id", "data"]).where("instrument_id", "=", "school-conditions").execute(),
    database.db.selectFrom("exam_results").selectAll().execute(),
    database.db.selectFrom("competency_results").select(["attempt_id", "level"]).execute(),
  ]));
  console.log(`   regionSchoolFacts (every school: indicators, index, clusters, risks, exams)   ${facts.toFixed(0).padStart(6)} ms`);
  console.log(`   oneSchoolFacts (one school; the region's cards and exams for the comparisons)  ${one.toFixed(0).padStart(6)} ms`);
  console.log(`   bare read of cards, exam rows and competency results (baseline)             ${bare.toFixed(0).padStart(6)} ms`);
  console.log(`   ratio facts / bare read                                                     ${(facts / bare).toFixed(2).padStart(6)} ×`);
} finally {
  await database.close();
  // BENCH_KEEP=1 leaves the scratch database for EXPLAIN ANALYZE.
  if (process.env.BENCH_KEEP) console.log(`   kept: ${scratch?.url ?? "(PGlite in memory)"}`);
  else await scratch?.drop();
}
