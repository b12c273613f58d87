/**
 * Passes a running task's progress on at most once per `everyMs`, always its latest state: the
 * first change after a quiet spell goes out on the next turn (so a burst of reports in one turn
 * is one write), later ones wait out the interval. A handler may report thousands of times a
 * second; the store or the queue sees a few writes. Both backends' runs go through it.
 */
export class ProgressThrottle {
  #timer: NodeJS.Timeout | undefined;
  #sentAt = Number.NEGATIVE_INFINITY;
  #stopped = false;

  constructor(
    private readonly everyMs: number,
    private readonly send: () => void,
  ) {}

  /** Something changed: send it now or once the interval has passed. */
  changed(): void {
    if (this.#timer || this.#stopped) return;
    const wait = Math.max(0, this.#sentAt + this.everyMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#sentAt = Date.now();
      this.send();
    }, wait).unref();
  }

  /** Sends nothing more: the run's final write says the rest. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }
}
