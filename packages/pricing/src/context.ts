import { setImmediate as nextTurn } from "node:timers/promises";
import type { LocalText } from "@tasklane/contract";

/**
 * What a long pricing job gets from whoever runs it. Pricing knows nothing of tasks or
 * HTTP: the task manager passes its AbortSignal and a progress sink.
 */
export interface WorkContext {
  signal: AbortSignal;
  /** percent 0..99 (never 100: the runner reports completion), and a line for a person, by its key. */
  progress(percent: number, message: LocalText): void;
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/**
 * Lets polls, cancels and other statements run between database batches (on SQLite the
 * connection is shared and better-sqlite3 blocks the event loop while it works).
 */
export async function yieldToEventLoop(signal: AbortSignal): Promise<void> {
  await nextTurn();
  throwIfAborted(signal);
}

/** Progress is an integer 0..99 here; 100 belongs to the task manager. */
export function clampPercent(percent: number): number {
  return Math.max(0, Math.min(99, Math.floor(percent)));
}
