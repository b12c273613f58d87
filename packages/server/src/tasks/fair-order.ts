/**
 * The one rule both backends order waiting tasks by, so that one caller's thousands of queued
 * imports cannot hold back another caller's pricelist: a task's rank is how many tasks its
 * caller had active (queued or running) when it was submitted, and lower ranks run first, in
 * submit order among equals. That is round-robin across callers: every caller's first waiting
 * task, then every caller's second, and so on. The embedded manager keeps its queue in this
 * order (FairQueue); the distributed backend gives BullMQ the rank as the job's priority.
 */
export const fairRank = (activeOfCaller: number): number => activeOfCaller;

interface Entry<T> {
  item: T;
  rank: number;
}

/** Waiting items, taken lowest rank first and in push order within a rank. */
export class FairQueue<T> {
  readonly #entries: Entry<T>[] = [];

  get length(): number {
    return this.#entries.length;
  }

  push(item: T, rank: number): void {
    // After every entry of the same or a lower rank: they were pushed before this one.
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#entries[mid]!.rank <= rank) lo = mid + 1;
      else hi = mid;
    }
    this.#entries.splice(lo, 0, { item, rank });
  }

  shift(): T | undefined {
    return this.#entries.shift()?.item;
  }

  remove(item: T): boolean {
    const at = this.#entries.findIndex((e) => e.item === item);
    if (at >= 0) this.#entries.splice(at, 1);
    return at >= 0;
  }

  /** Takes every item out, in the order they would have run. */
  drain(): T[] {
    return this.#entries.splice(0).map((e) => e.item);
  }
}

/** How many tasks each caller has in some state, kept as tasks enter and leave it. */
export class CallerCounts {
  readonly #byCaller = new Map<string, number>();

  of(caller: string): number {
    return this.#byCaller.get(caller) ?? 0;
  }

  add(caller: string): void {
    this.#byCaller.set(caller, this.of(caller) + 1);
  }

  remove(caller: string): void {
    const left = this.of(caller) - 1;
    if (left > 0) this.#byCaller.set(caller, left);
    else this.#byCaller.delete(caller);
  }
}
