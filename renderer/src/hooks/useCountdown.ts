import { useEffect, useState } from 'react';

/** Whole seconds left until `untilMs` (epoch ms), ticking every second; 0 when done or null. */
export function useCountdown(untilMs: number | null): number {
  const compute = () => (untilMs === null ? 0 : Math.max(0, Math.ceil((untilMs - Date.now()) / 1000)));
  const [left, setLeft] = useState(compute);
  useEffect(() => {
    const tick = () => setLeft(untilMs === null ? 0 : Math.max(0, Math.ceil((untilMs - Date.now()) / 1000)));
    tick();
    if (untilMs === null) return undefined;
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [untilMs]);
  return left;
}
