// `npm run test:load`: an exam day on loopback, bounded in time: server and database up as the README starts them,
// a test region seeded in bulk, the generator in its own process, CPU from /proc, the count after the run, the figures.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/database.js";
import { openPlatform } from "../server/bootstrap.js";
import { seedDemoRegion } from "../server/modules/demo/demo-seed.js";
import { hashPassword } from "../server/modules/auth/passwords.js";
import { PidSetMeter, treeSeconds } from "./cpu.js";
import type { GeneratorInput, GeneratorOutput, GeneratorProgress } from "./generator.js";
import { buildPlans, PROBES } from "./plan.js";
import { openingSecond, OptionsError, parseOptions, type LoadOptions } from "./profiles.js";
import * as report from "./report.js";
import { seedLoadRegion } from "./seed-region.js";
import { startServer, stopServer, type RunningServer } from "./server-process.js";
import { summarize } from "./stats.js";
import { lostNothing, verifyRun } from "./verify.js";

const root = path.resolve(import.meta.dirname, "..");
let options: LoadOptions;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (error instanceof OptionsError) { console.error(error.message); process.exit(2); }
  throw error;
}
const work = mkdtempSync(path.join(os.tmpdir(), "orientir-load-"));
const scratch = `orientir_load_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const scratchUrl = (() => { const u = new URL(options.adminUrl); u.pathname = `/${scratch}`; return u.toString(); })();
const admin = options.database === "postgres" ? new pg.Pool({ connectionString: options.adminUrl, max: 1 }) : null;
let server: RunningServer | null = null;
let generator: ChildProcess | null = null;
let cleaning: Promise<void> | null = null;

/** Once, whoever asks first (a signal, the end, a failure); later callers wait for the same. */
function cleanUp(keepFiles = options.keepDatabase): Promise<void> {
  cleaning ??= cleanUpOnce(keepFiles);
  return cleaning;
}

async function cleanUpOnce(keepFiles: boolean): Promise<void> {
  if (generator && generator.exitCode === null) generator.kill("SIGKILL");
  if (server) await stopServer(server).catch(() => undefined);
  if (admin) {
    if (!options.keepDatabase) await admin.query(`drop database if exists ${scratch} with (force)`).catch((e: Error) => console.error(`could not drop ${scratch}: ${e.message}`));
    await admin.end();
  }
  if (keepFiles) console.error(`files of the run kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanUp().then(() => process.exit(130)));

const say = (line = "") => console.log(line);
const cores = os.availableParallelism();
say(`== Exam day on loopback: profile ${options.profile}, ${options.takers.toLocaleString("en-US")} teachers (+${PROBES} probes), ${options.database === "postgres" ? `PostgreSQL (scratch database ${scratch})` : "PGlite (embedded, in the server process)"}, ${cores} cores (${os.cpus()[0]?.model.trim() ?? "?"})`);
say(`   sign-ins over ${options.signInSeconds} s (${Math.round(options.passwordShare * 100)}% password), the test opens at ${openingSecond(options).toFixed(0)} s (+0–${options.openJitterSeconds} s per teacher), ${options.thinkMinSeconds}–${options.thinkMaxSeconds} s per page × ${options.thinkScale}, ${options.answerSaves ? "a save after each answer and " : ""}a save on every page change, then submit`);

try {
  // 1. The database and the server, as the README starts them; then the test region, in bulk.
  const secret = randomBytes(32).toString("base64url");
  const env: Record<string, string> = { JWT_SECRET: secret, DATA_DIR: path.join(work, "data"), SEED_DEMO: "yes" };
  const seedStarted = performance.now();
  let seeded;
  if (admin) {
    await admin.query(`create database ${scratch}`);
    server = await startServer(root, { ...env, DATABASE_URL: scratchUrl }, path.join(work, "server.log"));
    const handle = await openDatabase({ databaseUrl: scratchUrl, poolSize: 2 });
    seeded = await seedLoadRegion(handle.db, options.takers, options.passwordShare, PROBES);
    await handle.close();
  } else {
    // PGlite lives in one process: prepare its directory as main.ts would (migrations, library, demo), then hand it over.
    const platform = await openPlatform(loadConfig({ ...process.env, ...env, DATABASE_URL: "" }, root));
    await seedDemoRegion(platform.database.db, platform.registry);
    seeded = await seedLoadRegion(platform.database.db, options.takers, options.passwordShare, PROBES);
    await platform.database.close();
    server = await startServer(root, { ...env, DATABASE_URL: "" }, path.join(work, "server.log"));
  }
  say(`   server: \`${server.command}\` ready in ${server.readySeconds.toFixed(1)} s${admin ? " (migrations and the demo region, SEED_DEMO=yes, included)" : ""}; test region: ${seeded.userIds.length.toLocaleString("en-US")} teachers in ${seeded.seconds.toFixed(1)} s; ${((performance.now() - seedStarted) / 1000).toFixed(0)} s to set up in all`);
  const scryptStarted = performance.now();
  await hashPassword("measure");
  say(`   scrypt (N=2^15, r=8, p=1, 32 MiB): ${(performance.now() - scryptStarted).toFixed(0)} ms for one password here and now; every password sign-in pays it once`);

  // 2. The generator in its own process; CPU sampled every second meanwhile.
  const plans = buildPlans(options, seeded.credentials);
  const inputFile = path.join(work, "generator-input.json");
  const outputFile = path.join(work, "generator-output.json");
  writeFileSync(inputFile, JSON.stringify({ baseUrl: server.baseUrl, options, plans, output: outputFile } satisfies GeneratorInput));
  const backends = new PidSetMeter();
  const background = new PidSetMeter();
  const pgPids = async () => {
    if (!admin) return { mine: [] as number[], shared: [] as number[] };
    const { rows } = await admin.query<{ pid: number; datname: string | null; backend_type: string }>("select pid, datname, backend_type from pg_stat_activity where pid <> pg_backend_pid()");
    return { mine: rows.filter((r) => r.datname === scratch).map((r) => r.pid), shared: rows.filter((r) => r.datname === null && r.backend_type !== "client backend").map((r) => r.pid) };
  };
  const before = await pgPids();
  backends.begin(before.mine);
  background.begin(before.shared);
  const serverBefore = treeSeconds(server.pid);
  const loadStarted = performance.now();
  generator = fork(path.join(import.meta.dirname, "generator.ts"), [inputFile], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let generatorSeconds = 0;
  const sampler = setInterval(() => {
    void pgPids().then(({ mine, shared }) => { backends.sample(mine); background.sample(shared); }).catch(() => undefined);
    if (child.pid) generatorSeconds = Math.max(generatorSeconds, treeSeconds(child.pid));
  }, 1000);
  const child = generator;
  generator.on("message", (message: GeneratorProgress) => {
    if (message.kind !== "progress") return;
    say(`   ${message.elapsed.toFixed(0).padStart(5)} s: signed in ${message.signedIn}, saves ${message.saves}, submitted ${message.submitted}, shed ${message.shed}, errors ${message.errors}, done ${message.done}/${plans.length}`);
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(sampler);
  const { mine, shared } = await pgPids();
  backends.sample(mine);
  background.sample(shared);
  const wall = (performance.now() - loadStarted) / 1000;
  const serverSeconds = treeSeconds(server.pid) - serverBefore;
  if (code !== 0) throw new Error(`the load generator failed (exit ${code})`);
  const output = JSON.parse(await readFile(outputFile, "utf8")) as GeneratorOutput;

  // 3. The server stops; the count is made on the rows themselves.
  await stopServer(server);
  server = null;
  const platformDb = admin ? await openDatabase({ databaseUrl: scratchUrl, poolSize: 2 }) : await openDatabase({ pgliteDir: path.join(work, "data", "pglite") });
  const { loadRegistry } = await import("../server/bootstrap.js");
  const math = (await loadRegistry(path.join(root, "surveys"))).get("subject-math")!;
  const verification = await verifyRun(platformDb.db, output.outcomes, math.codec, math.answerKey.competencies.length);
  await platformDb.close();

  // 4. The figures.
  const samples = output.samples;
  say();
  say("sign-ins");
  report.signInLines(samples).forEach((l) => say(l));
  say("operations (latency of the answered requests; a refused try is counted under shed, not timed)");
  report.operationsTable(samples).forEach((l) => say(l));
  report.errorLines(samples).forEach((l) => say(l));
  say("CPU");
  report.cpuLines({ wallSeconds: wall, server: serverSeconds, postgresBackends: admin ? backends.seconds() : null, postgresBackground: admin ? background.seconds() : null, generator: generatorSeconds, cores }).forEach((l) => say(l));
  say(`timeline (windows of ${options.windowSeconds} s from the first sign-in)`);
  report.timelineLines(samples, options.windowSeconds).forEach((l) => say(l));
  report.recoveryLines(samples, openingSecond(options) * 1000, output.examEndedAt).forEach((l) => say(l));
  say("count after the run (the generator's acknowledged answers against the rows)");
  report.verificationLines(verification).forEach((l) => say(l));

  const autosave = summarize(samples, "autosave");
  const unfinished = output.outcomes.filter((o) => o.stoppedAt);
  const errors = samples.filter((s) => !s.shed && (s.status < 200 || s.status >= 300)).length;
  const shed = samples.filter((s) => s.shed).length;
  say();
  say(`verdict: errors ${errors} (goal 0), autosave p95 ${autosave.p95.toFixed(0)} ms (goal < 500), lost ${verification.answersLost + verification.submissionsLost} (goal 0), shed ${shed}, teachers who could not finish ${unfinished.length}`);
  for (const o of unfinished.slice(0, 5)) say(`   teacher ${o.index} stopped: ${o.stoppedAt}`);
  const passed = errors === 0 && lostNothing(verification) && unfinished.length === 0;
  say(passed ? "PASS" : "FAIL");
  await cleanUp(options.keepDatabase || !passed);
  process.exit(passed ? 0 : 1);
} catch (error) {
  console.error(`load test failed: ${(error as Error).stack ?? error}`);
  if (server) console.error(`server log: ${server.logFile}`);
  await cleanUp(true);
  process.exit(1);
}
