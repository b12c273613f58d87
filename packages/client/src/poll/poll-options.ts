import type { Task, TaskType } from "@tasklane/contract";
import type { Clock } from "./clock.ts";

export interface PollOptions<T extends TaskType = TaskType> {
  /** Stops waiting (rejects with AbortError); the task itself goes on. */
  signal?: AbortSignal;
  /** Called with every state read, the final one included. */
  onProgress?: (task: Task<T>) => void;
  /** Rejects with TimeoutError once this many ms have passed. Default: no limit. */
  timeoutMs?: number;
  /** For tests: the time the loop reads and sleeps on. */
  clock?: Clock;
}
