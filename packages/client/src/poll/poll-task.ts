import { type CompletedTask, POLL_INTERVAL_MS, type Task, type TaskType } from "@tasklane/contract";
import { AbortError, TaskCancelledError, TaskFailedError, TimeoutError } from "../errors.ts";
import { realClock } from "./clock.ts";
import type { PollOptions } from "./poll-options.ts";

export type ReadTask = (id: string, signal: AbortSignal | undefined) => Promise<Task>;

/** The completed task, a rejection for the other final statuses, undefined while it goes on. */
function settle<T extends TaskType>(task: Task): CompletedTask<T> | undefined {
  switch (task.status) {
    case "completed":
      return task as CompletedTask<T>;
    case "error":
      throw new TaskFailedError(task);
    case "cancelled":
      throw new TaskCancelledError(task);
    case "queued":
    case "running":
      return undefined;
    default: {
      const unknown: never = task.status;
      throw new Error(`Unknown task status ${String(unknown)}`);
    }
  }
}

/**
 * Reads the task at once, then once every POLL_INTERVAL_MS counted from the previous read's
 * start, one read at a time, until it ends. Never sleeps past the deadline; an abort wakes it.
 */
export async function pollTask<T extends TaskType>(
  readTask: ReadTask,
  id: string,
  { signal, onProgress, timeoutMs, clock = realClock }: PollOptions<T> = {},
): Promise<CompletedTask<T>> {
  const deadline = timeoutMs === undefined ? Infinity : clock.now() + timeoutMs;
  let lastSeen: Task | undefined;
  for (;;) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    const startedAt = clock.now();
    lastSeen = await readTask(id, signal);
    onProgress?.(lastSeen as Task<T>);
    const completed = settle<T>(lastSeen);
    if (completed) return completed;
    const now = clock.now();
    if (now >= deadline) break;
    await clock.sleep(Math.min(Math.max(0, startedAt + POLL_INTERVAL_MS - now), deadline - now), signal);
    if (clock.now() >= deadline) break;
  }
  throw new TimeoutError(id, timeoutMs ?? 0, lastSeen);
}
