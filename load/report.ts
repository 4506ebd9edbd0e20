// Prints the exam day's figures: sign-ins, every operation's latency, errors, CPU, the timeline, and the count after the run.
import { OPERATIONS, errorsByStatus, percentile, summarize, timeline, type Sample } from "./stats.js";
import type { Verification } from "./verify.js";

export interface CpuFigures { wallSeconds: number; server: number; postgresBackends: number | null; postgresBackground: number | null; generator: number; cores: number }

const n = (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–");
const ms = (value: number) => (Number.isFinite(value) ? `${n(value, value < 10 ? 1 : 0)} ms` : "–");
const pad = (text: string, width: number) => text.padStart(width);

export function operationsTable(samples: readonly Sample[]): string[] {
  const lines = [`  ${"operation".padEnd(17)}${pad("ok", 8)}${pad("per s", 8)}${pad("shed", 8)}${pad("errors", 8)}${pad("p50", 10)}${pad("p95", 10)}${pad("p99", 10)}${pad("max", 10)}`];
  for (const op of OPERATIONS) {
    const s = summarize(samples, op);
    if (s.ok + s.shed + s.errors === 0) continue;
    lines.push(`  ${op.padEnd(17)}${pad(n(s.ok), 8)}${pad(n(s.perSecond, 1), 8)}${pad(n(s.shed), 8)}${pad(n(s.errors), 8)}${pad(ms(s.p50), 10)}${pad(ms(s.p95), 10)}${pad(ms(s.p99), 10)}${pad(ms(s.max), 10)}`);
  }
  return lines;
}

export function signInLines(samples: readonly Sample[]): string[] {
  const ok = samples.filter((s) => s.op.startsWith("sign-in") && s.status === 200);
  if (!ok.length) return ["  no sign-in succeeded"];
  const first = Math.min(...ok.map((s) => s.at));
  const last = Math.max(...ok.map((s) => s.at + s.ms));
  const perWindow = new Map<number, number>();
  for (const s of ok) perWindow.set(Math.floor(s.at / 10_000), (perWindow.get(Math.floor(s.at / 10_000)) ?? 0) + 1);
  const peak = Math.max(...perWindow.values()) / 10;
  return [
    `  ${n(ok.length)} sign-ins in ${n((last - first) / 1000, 1)} s: ${n(ok.length / ((last - first) / 1000), 1)} per second on average, ${n(peak, 1)} per second in the busiest 10 s; p95 ${ms(percentile(ok.map((s) => s.ms), 95))} (password ${ms(percentile(ok.filter((s) => s.op === "sign-in:password").map((s) => s.ms), 95))}, access code ${ms(percentile(ok.filter((s) => s.op === "sign-in:code").map((s) => s.ms), 95))})`,
  ];
}

export function errorLines(samples: readonly Sample[]): string[] {
  const errors = errorsByStatus(samples);
  const shed = new Map<string, number>();
  for (const s of samples) if (s.shed) shed.set(`${s.op} ${s.status}`, (shed.get(`${s.op} ${s.status}`) ?? 0) + 1);
  const lines = [`  errors: ${errors.size === 0 ? "none" : [...errors].map(([k, v]) => `${k} × ${n(v)}`).join(", ")}`];
  lines.push(`  shed (refused for load, then retried by the taker): ${shed.size === 0 ? "none" : [...shed].map(([k, v]) => `${k} × ${n(v)}`).join(", ")}`);
  return lines;
}

export function cpuLines(cpu: CpuFigures): string[] {
  const share = (seconds: number) => `${n(seconds, 1)} s = ${n((100 * seconds) / cpu.wallSeconds, 0)}% of one core`;
  return [
    `  over ${n(cpu.wallSeconds, 0)} s of load on ${cpu.cores} cores (${n(cpu.wallSeconds * cpu.cores, 0)} core-seconds in all):`,
    `  server process (node, with its children): ${share(cpu.server)}`,
    cpu.postgresBackends === null
      ? "  PostgreSQL: inside the server process (PGlite)"
      : `  PostgreSQL backends of the test's database: ${share(cpu.postgresBackends)}; its shared background processes (WAL writer, checkpointer…, also serving any other database on this server): ${share(cpu.postgresBackground ?? 0)}`,
    `  load generator: ${share(cpu.generator)}`,
  ];
}

export function timelineLines(samples: readonly Sample[], seconds: number): string[] {
  const lines = [`  ${"from s".padStart(7)}${pad("requests", 10)}${pad("sign-ins", 10)}${pad("saves", 8)}${pad("save p95", 10)}${pad("probe p95", 11)}${pad("shed", 8)}${pad("errors", 8)}`];
  for (const w of timeline(samples, seconds)) {
    lines.push(`  ${pad(n(w.from), 7)}${pad(n(w.requests), 10)}${pad(n(w.signIns), 10)}${pad(n(w.autosaves), 8)}${pad(ms(w.autosaveP95), 10)}${pad(ms(w.probeP95), 11)}${pad(n(w.shed), 8)}${pad(n(w.errors), 8)}`);
  }
  return lines;
}

/** The probes' latency before the test opens, over the exam, and in the calm after it: does it come back? */
export function recoveryLines(samples: readonly Sample[], openingMs: number, examEndedMs: number | null): string[] {
  const probe = samples.filter((s) => s.op === "probe" && s.status === 200);
  const p95 = (from: number, to: number) => percentile(probe.filter((s) => s.at >= from && s.at < to).map((s) => s.ms), 95);
  const end = examEndedMs ?? Number.POSITIVE_INFINITY;
  return [`  probe autosave p95: before the test opens ${ms(p95(0, openingMs))}, during the exam ${ms(p95(openingMs, end))}, after it (the calm stretch) ${ms(p95(end, Number.POSITIVE_INFINITY))}`];
}

export function verificationLines(v: Verification): string[] {
  const lines = [
    `  attempts acknowledged ${n(v.attemptsAcknowledged)}; answers acknowledged ${n(v.answersAcknowledged)}, in the database ${n(v.answersFound)}, lost ${n(v.answersLost)}`,
    `  submissions acknowledged ${n(v.submissionsAcknowledged)}, in the database exactly as sent ${n(v.submissionsFound)}, lost ${n(v.submissionsLost)}`,
    `  twice: attempts ${n(v.duplicateAttempts)}, competency results ${n(v.duplicateResults)}; submitted attempts without their full results ${n(v.incompleteResults)}`,
  ];
  for (const example of v.examples) lines.push(`    ${example}`);
  return lines;
}
