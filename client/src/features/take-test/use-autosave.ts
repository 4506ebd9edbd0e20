// Autosave of a running attempt: on every page change, shortly after each answer, and again after a lost connection.
import { useEffect, useRef, useState } from "react";
import type { Model } from "survey-core";
import { api, ApiError } from "../../lib/api";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "offline"; since: Date }
  | { kind: "error"; message: string };

const ANSWER_DEBOUNCE_MS = 3000;
const RETRY_MS = 5000;

/** `onTimeOver` runs when the server says the time is up: the attempt then has to be submitted. */
export function useAutosave(attemptId: string, model: Model, onTimeOver: () => void): SaveState {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const timeOver = useRef(onTimeOver);
  timeOver.current = onTimeOver;

  useEffect(() => {
    let disposed = false;
    const schedule = (ms: number) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), ms);
    };
    async function save(): Promise<void> {
      if (inFlight.current) {
        await inFlight.current;
        if (!dirty.current) return;
      }
      dirty.current = false;
      setState({ kind: "saving" });
      inFlight.current = api.saveAttempt(attemptId, model.data as Record<string, unknown>, model.currentPageNo)
        .then(() => { if (!disposed) setState(dirty.current ? { kind: "saving" } : { kind: "saved", at: new Date() }); })
        .catch((e: unknown) => {
          if (disposed) return;
          if (e instanceof ApiError && e.code === "time_over") return timeOver.current();
          dirty.current = true;
          if (e instanceof ApiError && !e.isNetwork && e.status < 500) setState({ kind: "error", message: e.message });
          else setState((s) => ({ kind: "offline", since: s.kind === "offline" ? s.since : new Date() }));
          schedule(RETRY_MS);
        })
        .finally(() => { inFlight.current = null; });
      await inFlight.current;
    }
    const onValue = () => { dirty.current = true; schedule(ANSWER_DEBOUNCE_MS); };
    const onPage = () => { dirty.current = true; schedule(0); };
    const onOnline = () => { if (dirty.current) schedule(0); };
    model.onValueChanged.add(onValue);
    model.onCurrentPageChanged.add(onPage);
    window.addEventListener("online", onOnline);
    return () => {
      disposed = true;
      clearTimeout(timer.current);
      model.onValueChanged.remove(onValue);
      model.onCurrentPageChanged.remove(onPage);
      window.removeEventListener("online", onOnline);
      // Leaving the page with unsaved answers: one last try, not awaited.
      if (dirty.current) void api.saveAttempt(attemptId, model.data as Record<string, unknown>, model.currentPageNo).catch(() => undefined);
    };
  }, [attemptId, model]);

  return state;
}
