import { useEffect, useState } from 'react';

/** The time now, renewed every minute: enough for "today" to roll over at midnight on an idle screen. */
export function useMinuteClock(now: () => number): number {
  const [nowMs, setNowMs] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setNowMs(now()), 60_000);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [now]);
  return nowMs;
}
