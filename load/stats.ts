// Latency and outcome bookkeeping of the load test: samples per operation, percentiles, windows in time. Pure.

/** `probe`: the autosaves of a few takers who save every couple of seconds all along, before, during and after the peak. */
export type Operation = "sign-in:password" | "sign-in:code" | "home" | "open" | "autosave" | "submit" | "result" | "probe";
export const OPERATIONS: Operation[] = ["sign-in:password", "sign-in:code", "home", "open", "autosave", "submit", "result", "probe"];

/** One HTTP exchange as the generator saw it: when it started (ms since the run's start), how long, and how it ended. */
export interface Sample {
  op: Operation;
  at: number;
  ms: number;
  /** HTTP status, or 0 for a network failure or timeout. */
  status: number;
  /** The server refused for load (503 overloaded or 429) and the taker will try again. */
  shed: boolean;
  /** With status 0: "timeout" (no answer in a minute) or the connection's error code (ECONNRESET…). */
  failure?: string;
}

/** The p-th percentile (0–100) by nearest rank; NaN for no values. Sorts a copy. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface OperationSummary {
  op: Operation;
  ok: number;
  shed: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Successful exchanges per second over the span from the first to the last of them. */
  perSecond: number;
}

/** Latency of successful exchanges only: a refusal is counted, not timed as service. */
export function summarize(samples: readonly Sample[], op: Operation): OperationSummary {
  const mine = samples.filter((s) => s.op === op);
  const ok = mine.filter((s) => isSuccess(s));
  const ms = ok.map((s) => s.ms);
  const first = Math.min(...ok.map((s) => s.at));
  const last = Math.max(...ok.map((s) => s.at + s.ms));
  const span = ok.length > 1 ? (last - first) / 1000 : Number.NaN;
  return {
    op, ok: ok.length, shed: mine.filter((s) => s.shed).length, errors: mine.filter((s) => !s.shed && !isSuccess(s)).length,
    p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: ms.length ? Math.max(...ms) : Number.NaN,
    perSecond: ok.length / span,
  };
}

export const isSuccess = (s: Sample) => s.status >= 200 && s.status < 300;

/** Errors by operation and status (0 = network failure or timeout), refusals for load left out. */
export function errorsByStatus(samples: readonly Sample[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of samples) {
    if (s.shed || isSuccess(s)) continue;
    const key = `${s.op} ${s.status === 0 ? s.failure ?? "network" : s.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface Window {
  from: number;
  requests: number;
  shed: number;
  errors: number;
  autosaves: number;
  autosaveP95: number;
  probeP95: number;
  signIns: number;
}

/** The run cut into windows of `seconds`: what was asked, refused, failed, and how fast autosave answered. */
export function timeline(samples: readonly Sample[], seconds: number): Window[] {
  const size = seconds * 1000;
  const buckets = new Map<number, Sample[]>();
  for (const s of samples) {
    const key = Math.floor(s.at / size);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = []));
    bucket.push(s);
  }
  const last = Math.max(-1, ...buckets.keys());
  const windows: Window[] = [];
  for (let k = 0; k <= last; k++) {
    const bucket = buckets.get(k) ?? [];
    const saves = bucket.filter((s) => s.op === "autosave" && isSuccess(s)).map((s) => s.ms);
    windows.push({
      from: k * seconds, requests: bucket.length, shed: bucket.filter((s) => s.shed).length,
      errors: bucket.filter((s) => !s.shed && !isSuccess(s)).length,
      autosaves: saves.length, autosaveP95: percentile(saves, 95),
      probeP95: percentile(bucket.filter((s) => s.op === "probe" && isSuccess(s)).map((s) => s.ms), 95),
      signIns: bucket.filter((s) => s.op.startsWith("sign-in") && isSuccess(s)).length,
    });
  }
  return windows;
}
