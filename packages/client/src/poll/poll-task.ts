import { type CompletedTask, POLL_INTERVAL_MS, type Task, type TaskType } from "@tasklane/contract";
import { checkPollOptions } from "../check-options.ts";
import { AbortError, TaskCancelledError, TaskFailedError, TimeoutError } from "../errors.ts";
import { realClock } from "./clock.ts";
import { outageTracker } from "./outage.ts";
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
 * With `outage`, a read that finds the service away is retried with a backoff (outage.ts).
 */
export async function pollTask<T extends TaskType>(
  readTask: ReadTask,
  id: string,
  { signal, onProgress, timeoutMs, outage, clock = realClock }: PollOptions<T> = {},
): Promise<CompletedTask<T>> {
  checkPollOptions({ onProgress, timeoutMs, outage });
  const deadline = timeoutMs === undefined ? Infinity : clock.now() + timeoutMs;
  const away = outage && outageTracker(outage);
  let lastSeen: Task | undefined;
  for (;;) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    const startedAt = clock.now();
    let retryInMs: number | undefined;
    try {
      lastSeen = await readTask(id, signal);
      away?.succeeded();
    } catch (error) {
      // Before the first answer a failure is the caller's to hear at once: see OutageOptions.
      if (!away || lastSeen === undefined) throw error;
      retryInMs = away.failed(error, clock.now());
    }
    if (retryInMs === undefined) {
      onProgress?.(lastSeen as Task<T>);
      const completed = settle<T>(lastSeen);
      if (completed) return completed;
    }
    const now = clock.now();
    if (now >= deadline) break;
    await clock.sleep(Math.min(retryInMs ?? Math.max(0, startedAt + POLL_INTERVAL_MS - now), deadline - now), signal);
    if (clock.now() >= deadline) break;
  }
  throw new TimeoutError(id, timeoutMs ?? 0, lastSeen);
}
