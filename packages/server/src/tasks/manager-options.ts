import type { TaskType } from "@tasklane/contract";
import type { Logger } from "../logger.ts";
import type { TaskStore } from "../stores/task-store.ts";
import type { TaskHandlers } from "./handler.ts";
import type { TaskBackendOptions } from "./tasks.ts";

export interface TaskManagerOptions extends TaskBackendOptions {
  store: TaskStore;
  handlers: TaskHandlers;
  /** How many tasks run at once; the others wait `queued`, in fair order across callers (fair-order.ts). Default 2. */
  concurrency?: number;
  /** How long a task of a type may run before it ends as `error`. Default: no limit. */
  timeoutsMs?: Partial<Record<TaskType, number>>;
  /**
   * How often a running task's progress is written to the store. Reads in between are served
   * from memory, so a handler may report progress thousands of times a second. Default 250 ms.
   */
  progressFlushMs?: number;
  log?: Logger;
}
