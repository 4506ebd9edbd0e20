// Loads a page's data and refreshes it on a timer while the page is open and visible, keeping what it has on a failed refresh.
import { useCallback, useEffect, useRef, useState } from "react";

export function usePolling<T>(load: () => Promise<T>, intervalMs: number) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const alive = useRef(true);
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    // A slow answer is not asked for twice: the next tick comes soon enough.
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const next = await load();
      if (!alive.current) return;
      setData(next);
      setError(null);
      setUpdatedAt(new Date());
    } catch (e) {
      if (alive.current) setError(e);
    } finally {
      inFlight.current = false;
    }
  }, [load]);

  useEffect(() => {
    alive.current = true;
    void refresh();
    // A tab in the background asks nothing; coming back to it refreshes at once.
    const timer = setInterval(() => { if (!document.hidden) void refresh(); }, intervalMs);
    const onVisible = () => { if (!document.hidden) void refresh(); };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      alive.current = false;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh, intervalMs]);

  return { data, error, updatedAt, refresh };
}
