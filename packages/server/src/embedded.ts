import { mkdir } from "node:fs/promises";
import path from "node:path";
import { applyMigrations, clearStaging, migratePricing, openDatabase, sqlitePricingDb } from "@tasklane/pricing";
import { type PricingHandlerDeps, pricingHandlers } from "./handlers/pricing-handlers.ts";
import { pricingReads } from "./pricing/pricing-reads.ts";
import { createServer } from "./server.ts";
import type { ServerOptions } from "./server-options.ts";
import { SqliteTaskStore } from "./stores/sqlite.ts";
import { TASK_MIGRATIONS } from "./stores/sqlite-schema.ts";
import type { TaskHandlers } from "./tasks/handler.ts";
import { TaskManager } from "./tasks/manager.ts";
import type { TaskManagerOptions } from "./tasks/manager-options.ts";
import { INTERRUPTED_TEXT } from "./tasks/stop-reasons.ts";
import { SqliteUploadStore } from "./uploads/sqlite-upload-store.ts";

export const DATABASE_FILE = "tasklane.sqlite";

export interface EmbeddedOptions
  extends Omit<ServerOptions, "store" | "tasks" | "uploads" | "pricing">,
    Pick<TaskManagerOptions, "concurrency" | "timeoutsMs" | "progressFlushMs"> {
  /** Holds the SQLite file (tasks and pricing data) and the uploads folder. */
  dataDir: string;
  maxRowsPerFile?: number;
  /** Other handlers than the pricing ones (tests). */
  handlers?: (deps: PricingHandlerDeps) => TaskHandlers;
}

/**
 * The embedded default: one process, tasks and pricing data in one SQLite file, uploads in a
 * folder beside it. Tasks a dead process left unfinished end as interrupted.
 */
export async function createEmbeddedServer(options: EmbeddedOptions) {
  const { dataDir, maxRowsPerFile, handlers, concurrency, timeoutsMs, progressFlushMs, ...serverOptions } = options;
  const uploadsDir = path.join(dataDir, "uploads");
  await mkdir(uploadsDir, { recursive: true });
  const sqlite = openDatabase(path.join(dataDir, DATABASE_FILE));
  const db = sqlitePricingDb(sqlite);
  await migratePricing(db);
  await applyMigrations(db, TASK_MIGRATIONS);
  await clearStaging(db);
  const store = new SqliteTaskStore(sqlite);
  const interrupted = await store.failUnfinished(INTERRUPTED_TEXT, options.now?.() ?? new Date());
  const uploads = new SqliteUploadStore(sqlite, uploadsDir);
  const deps = { db, uploads, maxRowsPerFile };
  const taskHandlers = handlers ? handlers(deps) : pricingHandlers(deps);
  const service = createServer({
    ...serverOptions,
    store,
    uploads,
    pricing: pricingReads(db),
    tasks: (log) => new TaskManager({ store, handlers: taskHandlers, concurrency, timeoutsMs, progressFlushMs, now: options.now, log }),
  });
  if (interrupted > 0) service.server.log.warn({ interrupted }, "tasks left unfinished by the last process now read as interrupted");
  return {
    ...service,
    db,
    sqlite,
    async stop() {
      await service.stop();
      sqlite.close();
    },
  };
}

export type EmbeddedServer = Awaited<ReturnType<typeof createEmbeddedServer>>;
