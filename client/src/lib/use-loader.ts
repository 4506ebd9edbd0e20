// Loads one thing from the API for a page: the data, the error, and a way to try again.
import { useCallback, useEffect, useState } from "react";

export function useLoader<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loader = useCallback(load, deps);
  const reload = useCallback(() => {
    setError(null);
    loader().then(setData, setError);
  }, [loader]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}
