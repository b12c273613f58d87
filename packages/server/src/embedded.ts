import { mkdir } from "node:fs/promises";
import path from "node:path";
import { clearStaging, migratePricing, openDatabase } from "@tasklane/pricing";
import type { Database } from "better-sqlite3";
import { type PricingHandlerDeps, pricingHandlers } from "./handlers/pricing-handlers.ts";
import { pricingReads } from "./pricing/pricing-reads.ts";
import { createServer } from "./server.ts";
import type { ServerOptions } from "./server-options.ts";
import { SqliteTaskStore } from "./stores/sqlite.ts";
import type { TaskHandlers } from "./tasks/handler.ts";
import { INTERRUPTED_TEXT } from "./tasks/stop-reasons.ts";
import { SqliteUploadStore } from "./uploads/upload-store.ts";

export const DATABASE_FILE = "tasklane.sqlite";

export interface EmbeddedOptions extends Omit<ServerOptions, "store" | "handlers" | "uploads" | "uploadsDir" | "pricing"> {
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
export async function createEmbeddedServer({ dataDir, maxRowsPerFile, handlers, ...options }: EmbeddedOptions) {
  const uploadsDir = path.join(dataDir, "uploads");
  await mkdir(uploadsDir, { recursive: true });
  const db: Database = openDatabase(path.join(dataDir, DATABASE_FILE));
  migratePricing(db);
  clearStaging(db);
  const store = new SqliteTaskStore(db);
  const interrupted = await store.failUnfinished(INTERRUPTED_TEXT, options.now?.() ?? new Date());
  const uploads = new SqliteUploadStore(db);
  const deps = { db, uploads, maxRowsPerFile };
  const service = createServer({
    ...options,
    store,
    uploads,
    uploadsDir,
    pricing: pricingReads(db),
    handlers: handlers ? handlers(deps) : pricingHandlers(deps),
  });
  if (interrupted > 0) service.server.log.warn({ interrupted }, "tasks left unfinished by the last process now read as interrupted");
  return {
    ...service,
    db,
    async stop() {
      await service.stop();
      db.close();
    },
  };
}

export type EmbeddedServer = Awaited<ReturnType<typeof createEmbeddedServer>>;
