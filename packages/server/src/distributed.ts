import { applyMigrations, createPostgresPool, migratePricing, postgresPricingDb } from "@tasklane/pricing";
import { DistributedTasks, type DistributedTasksOptions } from "./distributed/distributed-tasks.ts";
import { type QueueSettings, TaskQueue } from "./distributed/task-queue.ts";
import { TaskWorker, type TaskWorkerOptions } from "./distributed/task-worker.ts";
import { DEFAULT_QUEUE_NAME, DEFAULT_RETENTION_MS } from "./defaults.ts";
import type { Logger } from "./logger.ts";
import { WatchedClient } from "./postgres-connections.ts";
import { pricingReads } from "./pricing/pricing-reads.ts";
import { SERVER_MIGRATIONS } from "./stores/schema.ts";
import { SqlTaskStore } from "./stores/sql-task-store.ts";
import { type StockFilesOptions, stockFiles } from "./pricing/stock-files.ts";
import { createServer } from "./server.ts";
import type { ServerOptions } from "./server-options.ts";
import { type TaskWorkOptions, taskWork } from "./threads/task-work.ts";
import { PostgresUploadStore } from "./uploads/sql-upload-store.ts";

/** Stopping twice (a signal, then a test's cleanup) waits for the first stop. */
function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let done: Promise<void> | undefined;
  return (...args) => (done ??= fn(...args));
}

export interface DistributedSettings extends Omit<QueueSettings, "retentionMs" | "queueName"> {
  databaseUrl: string;
  /** Default "tasklane", as the service's TASKLANE_QUEUE. */
  queueName?: string;
  /** Default 24 h, as the service's TASKLANE_RETENTION_HOURS. */
  retentionMs?: number;
}

/** The PostgreSQL side both kinds of process share: pool, migrated schema, stores. */
async function openPostgres(databaseUrl: string) {
  // Its connections record how they fail, so that an outage is answered 503 (unavailable.ts).
  const pool = createPostgresPool(databaseUrl, { Client: WatchedClient });
  // An idle client whose server went away emits here; without a listener the process would die.
  pool.on("error", () => undefined);
  const db = postgresPricingDb(pool);
  await migratePricing(db);
  await applyMigrations(db, SERVER_MIGRATIONS);
  return { pool, db, store: new SqlTaskStore(db), uploads: new PostgresUploadStore(db) };
}

export interface DistributedServerOptions
  extends
    DistributedSettings,
    Omit<ServerOptions, "store" | "tasks" | "uploads" | "pricing" | "stockFiles">,
    Pick<DistributedTasksOptions, "maxQueuedPerCaller">,
    Pick<StockFilesOptions, "heapMb" | "previewsAtOnce" | "previewTimeoutMs"> {}

/**
 * An API node of the distributed backend: it stores and enqueues tasks and serves reads; it
 * runs none. Any number of them may run behind a load balancer.
 */
export async function createDistributedServer(options: DistributedServerOptions) {
  const { databaseUrl, redisUrl, queueName = DEFAULT_QUEUE_NAME, retentionMs = DEFAULT_RETENTION_MS } = options;
  const pg = await openPostgres(databaseUrl);
  const queue = new TaskQueue({ redisUrl, queueName, retentionMs }, { followProgress: true });
  const database = { dialect: "postgres", url: databaseUrl } as const;
  // Each part takes its own options; createServer ignores the others'.
  const service = createServer({
    ...options,
    retentionMs,
    store: pg.store,
    uploads: pg.uploads,
    pricing: pricingReads(pg.db),
    stockFiles: stockFiles({ ...options, db: pg.db, uploads: pg.uploads, database }),
    tasks: (log: Logger) => new DistributedTasks({ ...options, store: pg.store, queue, log }),
  });
  return {
    ...service,
    pool: pg.pool,
    db: pg.db,
    queue,
    async start(): Promise<string> {
      await queue.start();
      return service.start();
    },
    stop: once(async () => {
      await service.stop();
      await queue.close();
      await pg.pool.end();
    }),
  };
}

export type DistributedServer = Awaited<ReturnType<typeof createDistributedServer>>;

export interface DistributedWorkerOptions
  extends DistributedSettings, Pick<TaskWorkerOptions, "concurrency" | "stalledMs" | "progressFlushMs" | "log" | "now">, TaskWorkOptions {}

/**
 * A worker process of the distributed backend: runs tasks from the queue with the pricing
 * handlers, whose work runs in task threads (each with its own pool), so that this thread
 * keeps renewing job locks and passing progress and cancels along.
 */
export async function createDistributedWorker(options: DistributedWorkerOptions) {
  const { databaseUrl, queueName = DEFAULT_QUEUE_NAME, retentionMs = DEFAULT_RETENTION_MS } = options;
  const pg = await openPostgres(databaseUrl);
  const { threads, limits, warm, handlers } = taskWork(options, pg.db, pg.uploads, { dialect: "postgres", url: databaseUrl });
  // The task work's options go along to the worker, which ignores them.
  const worker = new TaskWorker({ ...options, queueName, retentionMs, timeoutsMs: limits.timeoutsMs, store: pg.store, handlers });
  return {
    worker,
    pool: pg.pool,
    threads,
    /** The time limits and row cap its tasks run under. */
    limits,
    async start(): Promise<void> {
      await warm;
      await worker.start();
    },
    stop: once(async ({ graceMs = 0 }: { graceMs?: number } = {}) => {
      await worker.close({ graceMs });
      await threads.close();
      await pg.pool.end();
    }),
  };
}

export type DistributedWorker = Awaited<ReturnType<typeof createDistributedWorker>>;
