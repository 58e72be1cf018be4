import { useEffect, useState } from 'preact/hooks';
import type { Timers } from './popup-platform';

/** The time, updated on each whole second while `running`, for countdowns. */
export function useClock(now: () => number, timers: Timers, running: boolean): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!running) return;
    let handle = 0;
    const tick = () => {
      const current = now();
      setTime(current);
      handle = timers.setTimeout(tick, 1000 - (current % 1000) + 5);
    };
    tick();
    return () => timers.clearTimeout(handle);
  }, [running]);
  return time;
}
