// tsx or built JavaScript for `npm start`? Measures both on this machine: time to a healthy server, memory, autosave throughput.
// Usage: npx tsc -p tsconfig.server.json (or npm run build:server) first, then `tsx load/production-start.ts [--runs 5] [--seconds 10]`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { freePort } from "./server-process.js";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: number) => { const i = process.argv.indexOf(name); return i >= 0 ? Number(process.argv[i + 1]) : fallback; };
const runs = arg("--runs", 5);
const seconds = arg("--seconds", 10);
if (!existsSync(path.join(root, "dist/server/main.js"))) throw new Error("no dist/server/main.js: build the server first (npm run build:server)");

const MODES = {
  tsx: [path.join(root, "node_modules/.bin/tsx"), "server/main.ts"],
  "built JavaScript": [process.execPath, "dist/server/main.js"],
} as const;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "orientir-start-"));
const env = { ...process.env, HOST: "127.0.0.1", DATA_DIR: dataDir, JWT_SECRET: randomBytes(32).toString("base64url"), LOG_LEVEL: "warn", SEED_DEMO: "yes" };

interface Started { stop(): Promise<void>; url: string; ms: number; rssMb: () => number }

async function start(mode: keyof typeof MODES): Promise<Started> {
  const port = await freePort();
  const [command, ...args] = MODES[mode];
  const began = performance.now();
  const child = spawn(command, args, { cwd: root, env: { ...env, PORT: String(port) }, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${mode} exited (${child.exitCode})`);
    try { if ((await fetch(`${url}/api/health`)).ok) break; } catch { /* not yet */ }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ms = performance.now() - began;
  // RSS of the process tree: tsx runs the server in a child node process.
  const rssMb = () => {
    let total = 0;
    const queue = [child.pid!];
    while (queue.length) {
      const pid = queue.pop()!;
      try { total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024; } catch { /* gone */ }
      try { queue.push(...readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)); } catch { /* none */ }
    }
    return total;
  };
  return { url, ms, rssMb, stop: () => new Promise((resolve) => { child.once("exit", () => resolve()); child.kill("SIGTERM"); }) };
}

async function autosaveRate(url: string): Promise<{ rps: number; p99: number }> {
  const json = async (method: string, p: string, body: unknown, token?: string) =>
    (await fetch(`${url}${p}`, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
  const { token } = await json("POST", "/api/auth/login", { login: "teacher-math@demo", password: "demo" }) as { token: string };
  const attempt = await json("POST", "/api/attempts", { instrumentId: "subject-math" }, token) as { id: string };
  const survey = (await (await fetch(`${url}/api/instruments/subject-math`, { headers: { authorization: `Bearer ${token}` } })).json()) as { survey: { pages: Array<{ elements?: Array<{ name: string; type: string }> }> } };
  const data: Record<string, unknown> = {};
  for (const q of survey.survey.pages.flatMap((p) => p.elements ?? [])) if (q.type === "text") data[q.name] = "12";
  const result = await autocannon({
    url: `${url}/api/attempts/${attempt.id}`, method: "PUT", connections: 50, duration: seconds,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ data, currentPage: 3 }),
  });
  if (result.non2xx) throw new Error(`${result.non2xx} autosaves failed`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

console.log(`== tsx or built JavaScript: ${os.availableParallelism()} cores, ${runs} starts each on an embedded database with the demo region, then ${seconds} s of autosave (50 connections)`);
await (await start("tsx")).stop(); // the first start creates and seeds the database; not counted
const figures: Record<string, { starts: number[]; rss: number[]; rate?: { rps: number; p99: number } }> = {};
for (let i = 0; i < runs; i++) {
  for (const mode of Object.keys(MODES) as Array<keyof typeof MODES>) {
    const server = await start(mode);
    const f = (figures[mode] ??= { starts: [], rss: [] });
    f.starts.push(server.ms);
    f.rss.push(server.rssMb());
    if (i === runs - 1) f.rate = await autosaveRate(server.url);
    await server.stop();
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [mode, f] of Object.entries(figures)) {
  console.log(`${mode.padEnd(17)} start to healthy: median ${(median(f.starts) / 1000).toFixed(2)} s (${f.starts.map((ms) => (ms / 1000).toFixed(2)).join(", ")}); memory at start ${median(f.rss).toFixed(0)} MB; autosave ${f.rate!.rps.toFixed(0)} req/s, p99 ${f.rate!.p99} ms`);
}
rmSync(dataDir, { recursive: true, force: true });
