import type { Task, TaskType } from "@tasklane/contract";
import type { Clock } from "./clock.ts";
import type { OutageOptions } from "./outage-options.ts";

export interface PollOptions<T extends TaskType = TaskType> {
  /** Stops waiting (rejects with AbortError); the task itself goes on. */
  signal?: AbortSignal;
  /** Called with every state read, the final one included. */
  onProgress?: (task: Task<T>) => void;
  /** Rejects with TimeoutError once this many ms have passed. Default: no limit. */
  timeoutMs?: number;
  /**
   * Rides out the service being away (a restart) once the task has been read, up to a bound: see
   * OutageOptions. Default: the first failed read rejects with its TasklaneRequestError.
   */
  outage?: OutageOptions;
  /** For tests: the time the loop reads and sleeps on. */
  clock?: Clock;
}
