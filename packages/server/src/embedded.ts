import { mkdir } from "node:fs/promises";
import path from "node:path";
import { applyMigrations, migratePricing, openDatabase, sqlitePricingDb } from "@tasklane/pricing";
import { pricingReads } from "./pricing/pricing-reads.ts";
import { type StockFilesOptions, stockFiles } from "./pricing/stock-files.ts";
import { createServer } from "./server.ts";
import type { ServerOptions } from "./server-options.ts";
import { moveLegacyTasks } from "./stores/legacy-tasks.ts";
import { SERVER_MIGRATIONS } from "./stores/schema.ts";
import { SqlTaskStore } from "./stores/sql-task-store.ts";
import { TaskManager, type TaskManagerOptions } from "./tasks/manager.ts";
import { type TaskWorkOptions, taskWork } from "./threads/task-work.ts";
import { interruptedByShutdown } from "./tasks/task-ends.ts";
import { SqliteUploadStore } from "./uploads/sql-upload-store.ts";

/** The pricing data: components, offers, pricelists. */
export const DATABASE_FILE = "tasklane.sqlite";
/** Tasks and uploads: written only by the thread that answers requests. */
export const TASKS_FILE = "tasks.sqlite";

export interface EmbeddedOptions
  extends
    Omit<ServerOptions, "store" | "tasks" | "uploads" | "pricing" | "stockFiles">,
    Pick<StockFilesOptions, "previewsAtOnce" | "previewTimeoutMs">,
    Pick<TaskManagerOptions, "concurrency" | "progressFlushMs" | "maxQueuedPerCaller">,
    TaskWorkOptions {
  /** Holds the SQLite files (pricing data; tasks and uploads) and the uploads folder. */
  dataDir: string;
}

/**
 * The embedded default: one process, pricing data in one SQLite file and tasks in another,
 * uploads in a folder beside them. This thread answers requests; task threads, each with its
 * own connection to the pricing file, do the pricing work. Tasks a dead process left
 * unfinished end as interrupted.
 */
export async function createEmbeddedServer(options: EmbeddedOptions) {
  const { dataDir } = options;
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
  const database = { dialect: "sqlite", file: pricingFile } as const;
  const { threads, limits, handlers, warm } = taskWork(options, db, uploads, database);
  // Each part takes its own options; createServer ignores the others'.
  const service = createServer({
    ...options,
    store,
    uploads,
    pricing: pricingReads(db),
    stockFiles: stockFiles({ ...options, db, uploads, database }),
    tasks: (log) => new TaskManager({ ...options, store, handlers, timeoutsMs: limits.timeoutsMs, log }),
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
