// Autosave of a running attempt: on every page change and shortly after each answer; every answer is kept in the
// browser until the server acknowledges it, and sent again after a lost connection, a refusal for load, or a reload.
import { useEffect, useRef, useState } from "react";
import type { Model } from "survey-core";
import { retryDelayMs } from "./backoff";
import { readPending, stillUnsaved, writePending } from "./pending-answers";
import { putAnswers, SaveError } from "./save-request";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "offline"; since: Date }
  /** The server refused for load (503/429): the next try is at `retryAt`. */
  | { kind: "busy"; retryAt: Date }
  | { kind: "error"; message: string };

export interface Autosave {
  state: SaveState;
  /** Names of the questions whose current answer the server has not acknowledged yet. */
  unsaved: string[];
}

const ANSWER_DEBOUNCE_MS = 3000;

/** `onTimeOver` runs when the server says the time is up: the attempt then has to be submitted. */
export function useAutosave(attemptId: string, model: Model, onTimeOver: () => void): Autosave {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const unsaved = useRef<Set<string>>(new Set(readPending(attemptId)?.unsaved ?? []));
  const [unsavedList, setUnsavedList] = useState<string[]>(() => [...unsaved.current]);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const failures = useRef(0);
  /** No try before this moment (ms since epoch): a refusal's backoff is not cut short by a new answer. */
  const notBefore = useRef(0);
  const timeOver = useRef(onTimeOver);
  timeOver.current = onTimeOver;

  useEffect(() => {
    let disposed = false;
    const snapshot = () => JSON.parse(JSON.stringify(model.data)) as Record<string, unknown>;
    const persist = () => {
      writePending(attemptId, { data: snapshot(), currentPage: model.currentPageNo, unsaved: [...unsaved.current] });
      if (!disposed) setUnsavedList([...unsaved.current]);
    };
    const schedule = (ms: number) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), Math.max(ms, notBefore.current - Date.now()));
    };
    async function save(): Promise<void> {
      if (inFlight.current) {
        await inFlight.current;
        if (!dirty.current) return;
      }
      dirty.current = false;
      if (!disposed) setState({ kind: "saving" });
      const sent = snapshot();
      inFlight.current = putAnswers(attemptId, sent, model.currentPageNo)
        .then(() => {
          failures.current = 0;
          notBefore.current = 0;
          unsaved.current = new Set(stillUnsaved(unsaved.current, sent, snapshot()));
          persist();
          if (!disposed) setState(dirty.current ? { kind: "saving" } : { kind: "saved", at: new Date() });
        })
        .catch((e: unknown) => {
          if (disposed) return;
          const error = e instanceof SaveError ? e : new SaveError(0, "network", String(e), undefined);
          if (error.code === "time_over") return timeOver.current();
          dirty.current = true;
          failures.current++;
          const wait = retryDelayMs(failures.current, error.retryAfterSeconds);
          notBefore.current = Date.now() + wait;
          if (error.status === 503 || error.status === 429) setState({ kind: "busy", retryAt: new Date(notBefore.current) });
          else if (error.isNetwork || error.status >= 500) setState((s) => ({ kind: "offline", since: s.kind === "offline" ? s.since : new Date() }));
          else setState({ kind: "error", message: error.message });
          schedule(wait);
        })
        .finally(() => { inFlight.current = null; });
      await inFlight.current;
    }
    const onValue = (_: Model, options: { name: string }) => {
      unsaved.current.add(options.name);
      persist();
      dirty.current = true;
      schedule(ANSWER_DEBOUNCE_MS);
    };
    const onPage = () => { persist(); dirty.current = true; schedule(0); };
    // The connection is back: whatever backoff was running, try now.
    const onOnline = () => {
      failures.current = 0;
      notBefore.current = 0;
      if (dirty.current || unsaved.current.size) { dirty.current = true; schedule(0); }
    };
    model.onValueChanged.add(onValue);
    model.onCurrentPageChanged.add(onPage);
    window.addEventListener("online", onOnline);
    // Answers kept from before a reload, never acknowledged: send them now.
    if (unsaved.current.size) { dirty.current = true; schedule(0); }
    return () => {
      disposed = true;
      clearTimeout(timer.current);
      model.onValueChanged.remove(onValue);
      model.onCurrentPageChanged.remove(onPage);
      window.removeEventListener("online", onOnline);
      // Leaving the page with unsaved answers: one last try, not awaited; the browser keeps them anyway.
      if (dirty.current) void putAnswers(attemptId, snapshot(), model.currentPageNo, true).catch(() => undefined);
    };
  }, [attemptId, model]);

  return { state, unsaved: unsavedList };
}
