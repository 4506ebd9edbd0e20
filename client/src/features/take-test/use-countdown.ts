// Time left on the server's clock: the offset between the two clocks is measured once, at load.
import { useEffect, useRef, useState } from "react";

export function useCountdown(deadlineAt: string | undefined, serverTime: string, onExpired: () => void): number | null {
  const offset = useRef(Date.parse(serverTime) - Date.now());
  const expired = useRef(onExpired);
  expired.current = onExpired;
  const left = () => (deadlineAt ? Date.parse(deadlineAt) - (Date.now() + offset.current) : null);
  const [remaining, setRemaining] = useState<number | null>(left);

  useEffect(() => {
    if (!deadlineAt) return;
    let fired = false;
    const tick = () => {
      const value = left();
      setRemaining(value);
      if (value !== null && value <= 0 && !fired) {
        fired = true;
        expired.current();
      }
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deadlineAt]);
  return remaining;
}
