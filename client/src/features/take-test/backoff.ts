// When to try a failed save again: exponential backoff with full jitter, never sooner than the server's Retry-After. Pure.

export interface BackoffPolicy {
  /** First wait, in ms, before any growth. */
  baseMs: number;
  /** The longest wait between two tries, in ms. */
  capMs: number;
}

export const AUTOSAVE_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000 };

/**
 * The wait before try number `failures` + 1 (after `failures` ≥ 1 failed tries in a row).
 * The exponential ceiling min(cap, base·2^(failures−1)) is drawn uniformly between half and all of
 * itself, so that thousands of browsers refused at the same moment do not come back at the same
 * moment. A Retry-After from the server is a floor: the wait is at least that, plus up to half of it
 * again, spread the same way.
 */
export function retryDelayMs(failures: number, retryAfterSeconds: number | undefined, random: () => number = Math.random, policy: BackoffPolicy = AUTOSAVE_BACKOFF): number {
  const n = Math.max(1, Math.floor(failures));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const exponential = ceiling / 2 + random() * (ceiling / 2);
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds <= 0) return Math.round(exponential);
  const floor = Math.min(retryAfterSeconds * 1000, policy.capMs * 5);
  return Math.round(Math.max(exponential, floor + random() * (floor / 2)));
}

/** Retry-After as seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}
