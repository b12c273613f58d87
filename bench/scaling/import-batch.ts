import type { Task, TasklaneClient } from "@tasklane/client";
import { testDatabaseUrl } from "@tasklane/testing/engines";
import { startCounting } from "./counters.ts";
import { cpuSeconds } from "../lib/cpu.ts";
import { warmUpWorkers } from "../lib/warm-up-workers.ts";
import { withLockTime } from "./lock-sampler.ts";
import type { ScalingDeployment } from "./deployment.ts";
import type { ImportRun } from "./result.ts";

/** A batch that takes this long is broken, not slow. */
const BATCH_TIMEOUT_MS = 180_000;
/** Often enough: the figure is the tasks' own doneAt, not when this loop saw them; each look costs node 1 and PostgreSQL two list reads. */
const WAIT_STEP_MS = 250;

export interface ImportBatch {
  client: TasklaneClient;
  uploadId: string;
  rows: number;
  /** One import each; distinct, so neither deduplication nor a per-supplier lock folds or serialises them. */
  suppliers: string[];
}

/**
 * Waits for the tasks through tasks.list filtered to finished statuses, never tasks.get: a list of
 * finished tasks reads PostgreSQL only, while a poll of a running task reads its progress from
 * Redis, and the Redis commands counted over the batch are to be the tasks' own.
 */
async function finished(client: TasklaneClient, ids: string[]): Promise<Task[]> {
  const deadline = Date.now() + BATCH_TIMEOUT_MS;
  const wanted = new Set(ids);
  while (Date.now() < deadline) {
    const failed = (await client.listTasks({ type: "stockImport", status: "error", limit: ids.length })).items.find((t) =>
      wanted.has(t.id),
    );
    if (failed) throw new Error(`import ${failed.id} failed: ${failed.error}`);
    const done = (await client.listTasks({ type: "stockImport", status: "completed", limit: ids.length })).items.filter((t) =>
      wanted.has(t.id),
    );
    if (done.length === ids.length) return done;
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
  }
  throw new Error(`imports not finished after ${BATCH_TIMEOUT_MS} ms`);
}

/**
 * One batch on `workers` fresh worker processes (fresh for every count alike, and warmed up alike: lib/warm-up-workers.ts),
 * stopped after it. The counters span the first submit to the last finish.
 */
export async function importBatch(
  deployment: ScalingDeployment,
  batch: ImportBatch,
  workers: number,
  concurrency: number,
): Promise<ImportRun> {
  // Warmed up at full speed, then held to their shares: the warm-up imports are not measured.
  const procs = await deployment.startWorkers(workers, concurrency, (started) =>
    warmUpWorkers(
      batch.client,
      batch.uploadId,
      started.map((p) => () => cpuSeconds(p.pid)),
    ),
  );
  try {
    const shares = [...deployment.workerShares.slice(0, workers), deployment.nodeShares[0]!];
    const count = await startCounting(shares, deployment.cluster);
    let startedAt = 0;
    const { value: done, lock } = await withLockTime(testDatabaseUrl(), deployment.cluster.databaseName, async () => {
      startedAt = Date.now();
      const submitted = await Promise.all(
        batch.suppliers.map((supplier) => batch.client.submit.stockImport({ uploadId: batch.uploadId, supplier, kind: "stock" })),
      );
      if (submitted.some((s) => s.deduplicated)) throw new Error("a submit was folded into an import still active from an earlier batch");
      return finished(
        batch.client,
        submitted.map((s) => s.taskId),
      );
    });
    const spent = await count();
    for (const task of done) {
      const imported = (task.result as { imported: number }).imported;
      if (imported !== batch.rows) throw new Error(`task ${task.id} imported ${imported} of ${batch.rows} rows`);
    }
    const ends = done.map((t) => t.doneAt!.getTime()).sort((a, b) => a - b);
    const seconds = (ends.at(-1)! - startedAt) / 1000;
    const busyTasks = done.length - workers * concurrency;
    if (busyTasks < 1)
      throw new Error(`a batch of ${done.length} tasks leaves no time in which all ${workers * concurrency} slots had work`);
    const busySeconds = (ends[busyTasks - 1]! - startedAt) / 1000;
    const taskSeconds = done.map((t) => (t.doneAt!.getTime() - t.startedAt!.getTime()) / 1000);
    return {
      workers,
      seconds: +seconds.toFixed(3),
      tasksPerS: +(done.length / seconds).toFixed(3),
      busy: { tasks: busyTasks, seconds: +busySeconds.toFixed(3), tasksPerS: +(busyTasks / busySeconds).toFixed(3) },
      meanTaskS: +(taskSeconds.reduce((a, b) => a + b, 0) / taskSeconds.length).toFixed(3),
      lock,
      spent,
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}
