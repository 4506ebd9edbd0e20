// Exam-day paths over HTTP, each against its bare floors in the same run: autosave, submit, the served instrument.
import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LoadedInstrument } from "../server/modules/instruments/registry.js";
import type { ServerReady, ServerRequest } from "./exam-server.js";
import { load, type LoadFigures, type LoadPlan } from "./http-load.js";

/**
 * The app against its floors. For the writes, two: the bare route as issue 9 words it, sending its
 * statement with its values (planned on every call; the goals stand against it), and the same route
 * with its statement prepared, as the app's hot statements are: a stricter floor, since the app
 * could not beat it by preparing. `ratio` is against the prepared floor, `plainRatio` against the first.
 */
export interface Comparison { app: LoadFigures; bare: LoadFigures; ratio: number; plain?: LoadFigures; plainRatio?: number }
export interface ExamFigures {
  kind: "postgres" | "pglite";
  autosave: Comparison;
  autosaveShared: Comparison;
  submit: Comparison;
  instrument: Comparison;
  /** A revalidation with the ETag (304, no body), when the route sends one. */
  notModified?: LoadFigures;
  /** Request log lines the app wrote, per request it answered. */
  logLinesPerRequest: number;
}

export interface ExamOptions { connections: number; seconds: number; rounds: number; submits: number; autosaveAttempts: number; answers: number }

type Runner = (warm: boolean) => Promise<LoadFigures>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianFigures = (runs: LoadFigures[]): LoadFigures => ({
  perSecond: median(runs.map((r) => r.perSecond)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)),
  requests: runs.reduce((n, r) => n + r.requests, 0), shed: runs.reduce((n, r) => n + r.shed, 0),
});

/**
 * A warm-up of each, then rounds in which each runs once, in an order turned every round (so a
 * machine getting busier or calmer favours none); a ratio is the median of the rounds' ratios.
 */
async function compare(rounds: number, app: Runner, bare: Runner, plain?: Runner): Promise<Comparison> {
  const runners = plain ? [app, bare, plain] : [app, bare];
  for (const run of runners) await run(true);
  const runs: LoadFigures[][] = runners.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runners.length; k++) {
      const which = (k + r) % runners.length;
      runs[which]!.push(await runners[which]!(false));
    }
  }
  const ratio = (i: number) => median(runs[0]!.map((a, round) => a.perSecond / runs[i]![round]!.perSecond));
  return {
    app: medianFigures(runs[0]!), bare: medianFigures(runs[1]!), ratio: ratio(1),
    ...(plain ? { plain: medianFigures(runs[2]!), plainRatio: ratio(2) } : {}),
  };
}

function startServer(request: ServerRequest): Promise<{ ready: ServerReady; lines: () => number; lastError: () => string | undefined; stop(): Promise<void> }> {
  const child = fork(path.resolve(import.meta.dirname, "exam-server.ts"), [], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  let lines = 0;
  let lastError: string | undefined;
  child.stdout!.on("data", (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines++;
    const text = chunk.toString();
    if (text.includes("\"level\":50")) lastError = text.split("\n").find((l) => l.includes("\"level\":50"))?.slice(0, 600);
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
    child.once("message", (m: { ready?: ServerReady; error?: string }) => {
      if (m.error || !m.ready) return reject(new Error(`the bench server failed: ${m.error}`));
      resolve({
        ready: m.ready,
        lines: () => lines,
        lastError: () => lastError,
        stop: () => new Promise<void>((done) => { child.removeAllListeners("exit"); child.once("exit", () => done()); child.send({ stop: true }); }),
      });
    });
    child.send(request);
  });
}

export async function benchExamPaths(kind: "postgres" | "pglite", url: string | undefined, math: LoadedInstrument, response: Record<string, unknown>, o: ExamOptions): Promise<ExamFigures> {
  const pgliteDir = kind === "pglite" ? await mkdtemp(path.join(tmpdir(), "orientir-bench-")) : undefined;
  const perRun = o.submits + 2 * o.connections;
  const warmSubmits = Math.max(o.connections, Math.round(o.submits / 5));
  const served = math.codec.toServed(response);
  const submits = o.rounds * perRun + warmSubmits + 2 * o.connections;
  // Both floors insert rows of their own people: twice as many as the app submits.
  const server = await startServer({ kind, url, pgliteDir, autosave: o.autosaveAttempts, submit: submits, bareSubmit: 2 * submits, response: served });
  const { ready } = server;
  const seed = ready.seed;
  let appRequests = 0;
  const run = async (base: string, plan: Omit<LoadPlan, "url" | "connections">, warm: boolean) => {
    const figures = await load({ url: base, connections: o.connections, ...plan, ...(plan.amount ? { amount: warm ? warmSubmits : plan.amount } : { seconds: warm ? 1 : o.seconds }) })
      .catch((error: Error) => { throw new Error(`${error.message}${server.lastError() ? `\nthe server logged: ${server.lastError()}` : ""}`); });
    if (base === ready.app) appRequests += figures.requests;
    return figures;
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  try {
    // Autosave: a page's 30 answers, to distinct attempts round-robin, then all to one attempt.
    const saveBody = JSON.stringify({ data: Object.fromEntries(Object.entries(served).slice(0, o.answers)), currentPage: 2 });
    let turn = 0;
    const distinct = () => seed.autosave[turn++ % seed.autosave.length]!;
    const bareSave = (prefix: string, id: () => string): Runner => (warm) => run(ready.bare, { method: "PUT", body: saveBody, next: () => ({ path: `${prefix}/attempts/${id()}` }) }, warm);
    const autosave = await compare(o.rounds,
      (warm) => run(ready.app, { method: "PUT", body: saveBody, next: () => { const t = distinct(); return { path: `/api/attempts/${t.attemptId}`, headers: bearer(t.token) }; } }, warm),
      bareSave("/bare", () => distinct().attemptId), bareSave("/bare-plain", () => distinct().attemptId));
    const autosaveShared = await compare(o.rounds,
      (warm) => run(ready.app, { method: "PUT", body: saveBody, next: () => ({ path: `/api/attempts/${seed.shared.attemptId}`, headers: bearer(seed.shared.token) }) }, warm),
      bareSave("/bare", () => seed.shared.attemptId), bareSave("/bare-plain", () => seed.shared.attemptId));

    // Submit: every request submits another attempt once; the floors insert another person's row.
    // As on an exam day, each taker's last page was saved just before (untimed): their token and
    // attempt are known to the server, as they are when a real submission comes.
    const submitBody = JSON.stringify({ data: served });
    let submitted = 0;
    let inserted = 0;
    const lastPages = async (count: number) => {
      const takers = seed.submit.slice(submitted, submitted + count);
      let k = 0;
      await Promise.all(Array.from({ length: 10 }, async () => {
        for (let t = takers[k++]; t; t = takers[k++]) {
          const res = await fetch(`${ready.app}/api/attempts/${t.attemptId}`, { method: "PUT", headers: { ...bearer(t.token), "content-type": "application/json" }, body: saveBody });
          if (res.status !== 200) throw new Error(`last page save answered ${res.status}`);
          await res.arrayBuffer();
        }
      }));
    };
    const bareSubmit = (prefix: string): Runner => (warm) => run(ready.bare, { method: "POST", body: submitBody, amount: o.submits, next: () => ({ path: `${prefix}/submissions/${inserted++}` }) }, warm);
    const submit = await compare(o.rounds,
      async (warm) => {
        await lastPages((warm ? warmSubmits : o.submits) + 2 * o.connections);
        return run(ready.app, { method: "POST", body: submitBody, amount: o.submits, next: () => { const t = seed.submit[submitted++]!; return { path: `/api/attempts/${t.attemptId}/submit`, headers: bearer(t.token) }; } }, warm);
      },
      bareSubmit("/bare"), bareSubmit("/bare-plain"));

    // The served instrument against the same bytes from memory.
    const instrumentPath = `/api/instruments/${math.definition.id}`;
    const instrument = await compare(o.rounds,
      (warm) => run(ready.app, { method: "GET", next: () => ({ path: instrumentPath, headers: bearer(seed.viewerToken) }) }, warm),
      (warm) => run(ready.bare, { method: "GET", next: () => ({ path: "/bare/instrument" }) }, warm));
    const first = await fetch(`${ready.app}${instrumentPath}`, { headers: bearer(seed.viewerToken) });
    const etag = first.headers.get("etag");
    await first.arrayBuffer();
    const notModified = etag
      ? await run(ready.app, { method: "GET", expect: 304, next: () => ({ path: instrumentPath, headers: { ...bearer(seed.viewerToken), "if-none-match": etag } }) }, false)
      : undefined;

    return { kind, autosave, autosaveShared, submit, instrument, ...(notModified ? { notModified } : {}), logLinesPerRequest: server.lines() / appRequests };
  } finally {
    await server.stop();
    if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function examLines(f: ExamFigures, o: ExamOptions): string[] {
  const row = (label: string, x: LoadFigures) => `   ${label.padEnd(64)}${fmt(x.perSecond).padStart(7)} /s  p50 ${fmt(x.p50).padStart(4)} ms  p99 ${fmt(x.p99).padStart(5)} ms${x.shed ? `  (${fmt(x.shed)} shed with 503)` : ""}`;
  const ratio = (label: string, value: number, goal?: number) => `   ${label.padEnd(64)}${fmt(value, 2).padStart(7)} ×${goal ? `   (goal ≥ ${goal})` : ""}`;
  // The goal stands against the floor as issue 9 words it: a bare route sending its statement with
  // its values (planned on every call). The prepared floor is stricter (it gets what the app's own hot
  // statements get) and is printed beside it, so neither figure hides the other.
  const writes = (c: Comparison, app: string, bare: string, what: string, goal: number) => [
    row(app, c.app),
    ...(c.plain ? [row(`${bare} (baseline)`, c.plain)] : []),
    row(`${bare}, prepared (stricter floor)`, c.bare),
    ...(c.plainRatio !== undefined ? [ratio(`ratio ${what} / bare`, c.plainRatio, goal)] : []),
    ratio(`ratio ${what} / bare prepared`, c.ratio),
  ];
  const lines = [
    `${f.kind}: ${o.connections} connections, ${o.rounds} rounds (medians), ${o.seconds} s each or ${fmt(o.submits)} submissions`,
    ...writes(f.autosave, `PUT /api/attempts/:id, ${o.answers} answers, ${o.autosaveAttempts} distinct attempts`, "bare Fastify + UPDATE of the same jsonb row", "autosave", 0.7),
    ...writes(f.autosaveShared, "PUT /api/attempts/:id, one attempt saved by every connection", "bare UPDATE of that one row", "autosave of one attempt", 0.7),
    ...writes(f.submit, "POST /api/attempts/:id/submit (scored, results written)", "bare Fastify + INSERT of the attempt and its results", "submit", 0.5),
    row("GET /api/instruments/:id (auth, access check)", f.instrument.app),
    row("bare Fastify sending the same bytes from memory (baseline)", f.instrument.bare),
    ratio("ratio served instrument / same bytes", f.instrument.ratio, 0.9),
  ];
  if (f.notModified) lines.push(row("GET /api/instruments/:id with If-None-Match (304)", f.notModified));
  lines.push(`   request log: ${fmt(f.logLinesPerRequest, 3)} lines per answered request`);
  return lines;
}
