import { AbortError, type Clock } from "@tasklane/client";

export interface VirtualClock {
  /** The clock to hand to pollTask (or anything that takes a Clock). */
  clock: Clock;
  /** Every sleep asked for, in order, in ms. */
  sleeps: number[];
  /** Called after each sleep with how many there have been; the test moves the world on here. */
  afterSleep: (count: number) => void | Promise<void>;
  /** Moves virtual time on without a sleep (a request that "takes" time). */
  advance(ms: number): void;
  /** Virtual time starts again at 0 and forgets the sleeps: what came before is not part of what is measured. */
  reset(): void;
}

/**
 * Virtual time for code that takes a Clock: every sleep is recorded and passes at once (an
 * already aborted signal still rejects, as the real clock does), so a test asserts the exact
 * sequence of waits without waiting.
 */
export function virtualClock(): VirtualClock {
  let now = 0;
  const virtual: VirtualClock = {
    sleeps: [],
    afterSleep: () => undefined,
    advance(ms) {
      now += ms;
    },
    reset() {
      now = 0;
      virtual.sleeps.length = 0;
    },
    clock: {
      now: () => now,
      async sleep(ms, signal) {
        if (signal?.aborted) throw new AbortError(signal.reason);
        virtual.sleeps.push(ms);
        now += ms;
        await virtual.afterSleep(virtual.sleeps.length);
      },
    },
  };
  return virtual;
}
