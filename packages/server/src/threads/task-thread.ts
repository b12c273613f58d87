import { parentPort, workerData } from "node:worker_threads";
import { type LocalText, TextError } from "@tasklane/contract";
import {
  type PricingDb,
  createPostgresPool,
  createPricelist,
  importStock,
  inspectStockFile,
  mappingFor,
  openDatabase,
  postgresPricingDb,
  recalculatePrices,
  sqlitePricingDb,
} from "@tasklane/pricing";
import type { FromThread, ThreadDatabase, ThreadJob, ThreadJobResult, ToThread } from "./thread-protocol.ts";

/**
 * A task thread: runs one pricing job at a time, with its own database connection, so that the
 * thread answering polls never waits for reading, staging or saving. Kept for the next job.
 */
const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);
let controller: AbortController | undefined;

/** A short synchronous wait: the rest of a lock wait happens between turns (see sqlite-dialect.ts). */
const SQLITE_BUSY_MS = 100;

function open(database: ThreadDatabase): PricingDb {
  if (database.dialect === "sqlite") return sqlitePricingDb(openDatabase(database.file, { busyTimeoutMs: SQLITE_BUSY_MS }));
  const pool = createPostgresPool(database.url, { max: 2 });
  pool.on("error", () => undefined);
  return postgresPricingDb(pool);
}

function run(job: ThreadJob, signal: AbortSignal): Promise<ThreadJobResult> {
  const ctx = { signal, progress: (percent: number, message: LocalText) => send({ kind: "progress", percent, message }) };
  switch (job.type) {
    case "recalculate":
      return recalculatePrices(db, ctx);
    case "stockImport":
      return importStock(db, job, ctx);
    case "pricelistCreate":
      return createPricelist(db, { source: job.source, taskId: job.taskId }, ctx);
    case "inspect":
      return inspect(job);
    default:
      return job satisfies never;
  }
}

async function inspect({ filePath, kind, supplier, mapping }: Extract<ThreadJob, { type: "inspect" }>) {
  const readWith =
    supplier === undefined
      ? ({ mapping: mapping ?? null, source: mapping ? "given" : "detected" } as const)
      : await mappingFor(db, supplier, kind, mapping);
  return inspectStockFile({ filePath, kind, mapping: readWith.mapping, mappingSource: readWith.source });
}

const db = open(workerData as ThreadDatabase);
send({ kind: "ready" });

port.on("message", (message: ToThread) => {
  if (message.kind === "abort") {
    controller?.abort(new DOMException("The task was stopped", "AbortError"));
    return;
  }
  const own = (controller = new AbortController());
  run(message.job, own.signal).then(
    (result) => send({ kind: "done", result }),
    (error: unknown) => {
      const { name = "Error", message = String(error) } = error instanceof Error ? error : {};
      const text = error instanceof TextError ? error.text : undefined;
      send({ kind: "failed", error: { name, message, text } });
    },
  );
});
