import { ConfigError, createDistributedWorker, loadConfig } from "@tasklane/server";
import pino from "pino";
import { readySignal } from "./ready-signal.ts";
import { onStopSignal } from "./stop-signal.ts";

/**
 * A worker process of the distributed backend (`pnpm worker`): runs TASKLANE_CONCURRENCY tasks
 * at once from the queue. Start as many as the work needs, on any machine that reaches Redis
 * and PostgreSQL.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const ready = readySignal(process.env);
  if (config.backend.kind !== "distributed") {
    throw new ConfigError("TASKLANE_BACKEND=distributed is needed for a worker (with REDIS_URL and DATABASE_URL)");
  }
  const log = pino({ level: config.logger.level, base: { role: "worker", pid: process.pid } });
  const { redisUrl, databaseUrl, queueName, stalledMs } = config.backend;
  const worker = await createDistributedWorker({
    redisUrl,
    databaseUrl,
    queueName,
    stalledMs,
    retentionMs: config.retentionMs,
    concurrency: config.concurrency,
    timeoutsMs: config.timeoutsMs,
    maxRowsPerFile: config.maxRowsPerFile,
    heapMb: config.heapMb,
    log,
  });
  onStopSignal(async (signal) => {
    log.info({ signal, graceMs: config.graceMs }, "stopping: no new tasks; running ones may finish");
    await worker.stop({ graceMs: config.graceMs });
  });
  await worker.start();
  log.info({ queue: queueName, concurrency: config.concurrency }, "worker started");
  ready({});
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `tasklane worker: ${error.message}` : error);
  process.exit(1);
});
