import type { PricingDb } from "@tasklane/pricing";
import { sql } from "kysely";
import {
  type EmbeddedOptions,
  type TaskHandlers,
  type Tasks,
  createDistributedServer,
  createDistributedWorker,
  createEmbeddedServer,
} from "@tasklane/server";
import { createTasklaneClient } from "@tasklane/client";
import { afterAll, afterEach, expect, vi } from "vitest";
import { tempDir } from "./dirs.ts";
import { type TestRedis, freshDatabase, startRedis } from "./engines.ts";
import { heldRecalculation } from "./handlers.ts";

/**
 * Which backend a suite runs on: the e2e project runs it embedded, the e2e-distributed
 * project (TASKLANE_TEST_BACKEND=distributed) runs the same tests on Redis and PostgreSQL.
 */
export const distributed = process.env.TASKLANE_TEST_BACKEND === "distributed";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type ServiceOptions = Partial<Omit<EmbeddedOptions, "handlers">> & { handlers?: TaskHandlers };

export interface TestService {
  url: string;
  tasks: Tasks;
  /** The pricing data, on whichever engine the backend uses. */
  db: PricingDb;
  retention: { sweep(): Promise<{ tasks: number; uploads: number }> };
  /** Distributed only: the BullMQ queue and the database, for tests of the engines themselves. */
  queue?: { getJob(id: string): Promise<unknown> };
  databaseUrl?: string;
  stop(): Promise<void>;
}

let redis: TestRedis | undefined;
afterAll(async () => {
  await redis?.close();
});

/**
 * The real service on 127.0.0.1 and a free port, stopped after the test. Embedded: a SQLite
 * file and uploads in a fresh folder. Distributed: an API node and a worker (in this process,
 * so test handlers can be held at a gate) over a fresh PostgreSQL database and a Redis server
 * of this suite's own. `handlers` replaces the pricing handlers.
 */
export async function startService({ handlers, ...options }: ServiceOptions = {}): Promise<TestService> {
  if (distributed) return startDistributedService({ handlers, ...options });
  const service = await createEmbeddedServer({
    dataDir: options.dataDir ?? (await tempDir()),
    ...(handlers ? { handlers: () => handlers } : {}),
    ...commonOptions(options),
  });
  cleanups.push(() => service.stop());
  return { ...service, url: await service.start() };
}

const commonOptions = (options: Omit<ServiceOptions, "handlers">) => ({
  host: "127.0.0.1",
  port: 0,
  logger: false as const,
  graceMs: 0,
  ...options,
});

/** startService's distributed backend, for a suite that needs it whichever backend its project runs. */
export async function startDistributedService({ handlers, ...options }: ServiceOptions = {}): Promise<TestService> {
  const common = commonOptions(options);
  const withHandlers = handlers ? { handlers: () => handlers } : {};
  redis ??= await startRedis();
  const database = await freshDatabase();
  cleanups.push(() => database.drop());
  const engines = {
    redisUrl: redis.url,
    databaseUrl: database.url,
    queueName: `q${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
  };
  const service = await createDistributedServer({ ...engines, ...common });
  const worker = await createDistributedWorker({
    ...engines,
    ...withHandlers,
    concurrency: options.concurrency,
    timeoutsMs: options.timeoutsMs,
    progressFlushMs: options.progressFlushMs,
    maxRowsPerFile: options.maxRowsPerFile,
    retentionMs: options.retentionMs,
    now: options.now,
    stalledMs: 5_000,
  });
  await worker.start();
  cleanups.push(() => worker.stop());
  cleanups.push(() => service.stop());
  return { ...service, queue: service.queue.queue, databaseUrl: database.url, url: await service.start() };
}

/** Rows in a pricing table, on either engine. */
export async function count(db: PricingDb, table: string, where = "true"): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(
    db.kysely,
  );
  return Number(rows[0]!.n);
}

/**
 * An embedded service in its stopping phase (its /health answers 503): a held recalculation,
 * given a long grace, keeps it there until `release()`, which lets the task end and awaits the stop.
 */
export async function stoppingService(): Promise<{ url: string; taskId: string; release: () => Promise<void> }> {
  const { hold, handlers } = heldRecalculation(1);
  const service = await startService({ handlers, graceMs: 60_000 });
  const client = createTasklaneClient({ url: service.url });
  const { taskId } = await client.submit.recalculate({});
  await vi.waitFor(async () => expect((await client.getTask(taskId)).status).toBe("running"));
  const stopped = service.stop();
  const release = async () => {
    hold.open();
    await stopped;
  };
  try {
    await vi.waitFor(async () => expect((await fetch(`${service.url}/health`)).status).toBe(503));
  } catch (error) {
    await release();
    throw error;
  }
  return { url: service.url, taskId, release };
}
