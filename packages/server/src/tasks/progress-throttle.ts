/**
 * Passes a running task's progress on at most once per `everyMs`, always its latest state: the
 * first change after a quiet spell goes out on the next turn (a burst of reports in one turn is
 * one write), later ones wait out the interval. Both backends' runs report through it.
 */
export function progressThrottle(everyMs: number, send: () => void) {
  let timer: NodeJS.Timeout | undefined;
  let sentAt = Number.NEGATIVE_INFINITY;
  let stopped = false;
  const fire = () => {
    timer = undefined;
    sentAt = Date.now();
    send();
  };
  return {
    changed(): void {
      if (!timer && !stopped) timer = setTimeout(fire, Math.max(0, sentAt + everyMs - Date.now())).unref();
    },
    /** Sends nothing more: the run's final write says the rest. */
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
