import { mkdir } from "node:fs/promises";
import path from "node:path";
import { applyMigrations, migratePricing, openDatabase, sqlitePricingDb } from "@tasklane/pricing";
import { type PricingHandlerDeps, pricingHandlers } from "./handlers/pricing-handlers.ts";
import { pricingReads } from "./pricing/pricing-reads.ts";
import { type StockFilesOptions, stockFiles } from "./pricing/stock-files.ts";
import { taskLimits } from "./defaults.ts";
import { createServer } from "./server.ts";
import type { ServerOptions } from "./server-options.ts";
import { moveLegacyTasks } from "./stores/legacy-tasks.ts";
import { SERVER_MIGRATIONS } from "./stores/schema.ts";
import { SqlTaskStore } from "./stores/sql-task-store.ts";
import type { TaskHandlers } from "./tasks/handler.ts";
import { TaskManager } from "./tasks/manager.ts";
import type { TaskManagerOptions } from "./tasks/manager-options.ts";
import { TaskThreads, type TaskThreadsOptions } from "./threads/task-threads.ts";
import { interruptedByShutdown } from "./tasks/stop-reasons.ts";
import { SqliteUploadStore } from "./uploads/sqlite-upload-store.ts";

/** The pricing data: components, offers, pricelists. */
export const DATABASE_FILE = "tasklane.sqlite";
/** Tasks and uploads: written only by the thread that answers requests. */
export const TASKS_FILE = "tasks.sqlite";

export interface EmbeddedOptions
  extends
    Omit<ServerOptions, "store" | "tasks" | "uploads" | "pricing" | "stockFiles">,
    Pick<StockFilesOptions, "previewsAtOnce" | "previewTimeoutMs">,
    Pick<TaskManagerOptions, "concurrency" | "timeoutsMs" | "progressFlushMs" | "maxQueuedPerCaller">,
    Pick<TaskThreadsOptions, "heapMb" | "stopGraceMs"> {
  /** Holds the SQLite files (pricing data; tasks and uploads) and the uploads folder. */
  dataDir: string;
  /** Rows one stock file may have. Default 1,000,000, as the service's (defaults.ts). */
  maxRowsPerFile?: number;
  /** Other handlers than the pricing ones (tests). */
  handlers?: (deps: PricingHandlerDeps) => TaskHandlers;
}

/**
 * The embedded default: one process, pricing data in one SQLite file and tasks in another,
 * uploads in a folder beside them. This thread answers requests; task threads, each with its
 * own connection to the pricing file, do the pricing work. Tasks a dead process left
 * unfinished end as interrupted.
 */
export async function createEmbeddedServer(options: EmbeddedOptions) {
  const {
    dataDir,
    maxRowsPerFile,
    handlers,
    concurrency,
    timeoutsMs,
    progressFlushMs,
    maxQueuedPerCaller,
    heapMb,
    stopGraceMs,
    previewsAtOnce,
    previewTimeoutMs,
    ...serverOptions
  } = options;
  const uploadsDir = path.join(dataDir, "uploads");
  await mkdir(uploadsDir, { recursive: true });
  const pricingFile = path.join(dataDir, DATABASE_FILE);
  const sqlite = openDatabase(pricingFile);
  const db = sqlitePricingDb(sqlite);
  await migratePricing(db);
  const tasksSqlite = openDatabase(path.join(dataDir, TASKS_FILE));
  const tasksDb = sqlitePricingDb(tasksSqlite);
  await applyMigrations(tasksDb, SERVER_MIGRATIONS);
  moveLegacyTasks(tasksSqlite, pricingFile);
  const store = new SqlTaskStore(tasksDb);
  const interrupted = await store.failUnfinished(interruptedByShutdown().text, options.now?.() ?? new Date());
  const uploads = new SqliteUploadStore(tasksDb, uploadsDir);
  const threads = new TaskThreads({ database: { dialect: "sqlite", file: pricingFile }, heapMb, stopGraceMs });
  // The service's time limits and row cap unless told otherwise: the library behaves as `pnpm start` does.
  const limits = taskLimits({ timeoutsMs, maxRowsPerFile });
  const deps = { db, uploads, threads, maxRowsPerFile: limits.maxRowsPerFile };
  const taskHandlers = handlers ? handlers(deps) : pricingHandlers(deps);
  // Ready once a task thread is: the first task should not wait for one to load.
  const warm = handlers ? Promise.resolve() : threads.warm();
  warm.catch(() => undefined); // awaited by start(); a service never started must not leave it unhandled
  const service = createServer({
    ...serverOptions,
    store,
    uploads,
    pricing: pricingReads(db),
    stockFiles: stockFiles({ db, uploads, database: { dialect: "sqlite", file: pricingFile }, heapMb, previewsAtOnce, previewTimeoutMs }),
    tasks: (log) =>
      new TaskManager({
        store,
        handlers: taskHandlers,
        concurrency,
        timeoutsMs: limits.timeoutsMs,
        progressFlushMs,
        maxQueuedPerCaller,
        now: options.now,
        log,
      }),
  });
  if (interrupted > 0) service.server.log.warn({ interrupted }, "tasks left unfinished by the last process now read as interrupted");
  return {
    ...service,
    db,
    sqlite,
    threads,
    /** The time limits and row cap its tasks run under. */
    limits,
    async start(): Promise<string> {
      await warm;
      return service.start();
    },
    async stop() {
      await service.stop();
      await threads.close();
      tasksSqlite.close();
      sqlite.close();
    },
  };
}

export type EmbeddedServer = Awaited<ReturnType<typeof createEmbeddedServer>>;
