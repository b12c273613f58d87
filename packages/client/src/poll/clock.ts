import { AbortError } from "../errors.ts";

/** Time as the poll loop sees it; tests pass their own to check each wait without waiting. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with AbortError as soon as `signal` fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortError(signal.reason));
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortError(signal?.reason));
      };
      // Not unref()ed on purpose: a script awaiting a task must stay alive until it ends.
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
