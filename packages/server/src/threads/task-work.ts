import type { PricingDb } from "@tasklane/pricing";
import { taskLimits } from "../defaults.ts";
import { type PricingHandlerDeps, pricingHandlers } from "../handlers/pricing-handlers.ts";
import type { TaskHandlers } from "../tasks/handler.ts";
import type { TaskManagerOptions } from "../tasks/manager.ts";
import type { UploadStore } from "../uploads/upload-store.ts";
import type { ThreadDatabase } from "./thread-protocol.ts";
import { TaskThreads, type TaskThreadsOptions } from "./task-threads.ts";

export interface TaskWorkOptions extends Pick<TaskManagerOptions, "timeoutsMs">, Pick<TaskThreadsOptions, "heapMb" | "stopGraceMs"> {
  /** Rows one stock file may have. Default 1,000,000, as the service's (defaults.ts). */
  maxRowsPerFile?: number;
  /** Other handlers than the pricing ones (tests). */
  handlers?: (deps: PricingHandlerDeps) => TaskHandlers;
}

/**
 * What a process that runs tasks (the embedded server, a distributed worker) runs them with:
 * task threads and the handlers that use them, under the service's time limits and row cap
 * unless told otherwise, so that the library behaves as `pnpm start` and `pnpm worker` do.
 */
export function taskWork(options: TaskWorkOptions, db: PricingDb, uploads: UploadStore, database: ThreadDatabase) {
  const threads = new TaskThreads({ database, heapMb: options.heapMb, stopGraceMs: options.stopGraceMs });
  const limits = taskLimits(options);
  const deps = { db, uploads, threads, maxRowsPerFile: limits.maxRowsPerFile };
  // Ready once a task thread is: the first task should not wait for one to load.
  const warm = options.handlers ? Promise.resolve() : threads.warm();
  warm.catch(() => undefined); // awaited by start(); a process never started must not leave it unhandled
  return { threads, limits, handlers: options.handlers ? options.handlers(deps) : pricingHandlers(deps), warm };
}
