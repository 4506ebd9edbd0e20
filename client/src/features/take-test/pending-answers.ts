// Answers not yet acknowledged by the server, kept in the browser per attempt, so that a lost connection or a reload loses none.

/** What the browser holds for one attempt: the answers as they stand, and which of them the server has not confirmed. */
export interface PendingAnswers {
  data: Record<string, unknown>;
  currentPage: number;
  /** Question names whose current value the server has not acknowledged yet. */
  unsaved: string[];
  updatedAt: string;
}

const key = (attemptId: string) => `orientir.pending.${attemptId}`;

/** localStorage, or nothing (private modes, storage switched off): the answers then live in memory only, as before. */
function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function readPending(attemptId: string, store: Storage | null = storage()): PendingAnswers | null {
  try {
    const value = JSON.parse(store?.getItem(key(attemptId)) ?? "null") as PendingAnswers | null;
    if (!value || typeof value.data !== "object" || !Array.isArray(value.unsaved)) return null;
    return value;
  } catch {
    return null;
  }
}

/** Keeps the answers; with nothing unsaved, forgets them (the server has them all). */
export function writePending(attemptId: string, pending: Omit<PendingAnswers, "updatedAt">, store: Storage | null = storage()): void {
  try {
    if (pending.unsaved.length === 0) store?.removeItem(key(attemptId));
    else store?.setItem(key(attemptId), JSON.stringify({ ...pending, updatedAt: new Date().toISOString() }));
  } catch {
    // Storage full or refused: the answers are still in the page and will be sent from there.
  }
}

export function clearPending(attemptId: string, store: Storage | null = storage()): void {
  try {
    store?.removeItem(key(attemptId));
  } catch {
    // Nothing to do.
  }
}

/**
 * The answers to show when the page opens: the server's, with every answer the browser still holds
 * unsent laid over them (an unsent cleared answer stays cleared). Only the unsaved ones override: what
 * the server confirmed may have been changed since from another device.
 */
export function withPending(serverData: Record<string, unknown>, pending: PendingAnswers | null): Record<string, unknown> {
  if (!pending) return serverData;
  const data = { ...serverData };
  for (const name of pending.unsaved) {
    if (name in pending.data) data[name] = pending.data[name];
    else delete data[name];
  }
  return data;
}

/**
 * After a save of `sent` was acknowledged: the names still unsaved are those changed since, that is
 * whose value now differs from what was sent.
 */
export function stillUnsaved(unsaved: Iterable<string>, sent: Record<string, unknown>, now: Record<string, unknown>): string[] {
  return [...unsaved].filter((name) => JSON.stringify(sent[name]) !== JSON.stringify(now[name]));
}
