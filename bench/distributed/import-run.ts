import type { TasklaneClient } from "@tasklane/client";
import { cpuSeconds } from "../lib/cpu.ts";
import { warmUpWorkers } from "../lib/warm-up-workers.ts";
import type { BenchCluster } from "./cluster.ts";
import { engineCpu } from "./engine-cpu.ts";
import { machineBusy } from "./machine-busy.ts";
import type { ImportRun } from "./result.ts";

/** A batch that takes this long is broken, not slow: 60 imports of 2,000 rows take seconds. */
const BATCH_TIMEOUT_MS = 600_000;

export interface ImportBatch {
  client: TasklaneClient;
  uploadId: string;
  rows: number;
  /** One import each; distinct, so deduplication (per supplier and kind) folds none of them. */
  suppliers: string[];
}

/**
 * Runs one batch of imports on `workers` worker processes started for it (each running
 * `concurrency` tasks at once) and stops them after. Fresh workers every time, for both counts,
 * each warmed up first (lib/warm-up-workers.ts), so both sides of a ratio have workers as a
 * running deployment keeps them.
 */
export async function importRun(cluster: BenchCluster, batch: ImportBatch, workers: number, concurrency: number): Promise<ImportRun> {
  const procs = await Promise.all(Array.from({ length: workers }, () => cluster.addWorker(concurrency)));
  try {
    await warmUpWorkers(
      batch.client,
      batch.uploadId,
      procs.map((p) => () => cpuSeconds(p.pid)),
    );
    const node = cluster.nodes[0]!.proc;
    const cpuBefore = await Promise.all([...procs, node].map((p) => cpuSeconds(p.pid)));
    const engines = await engineCpu(cluster.databaseName, cluster.redisPort);
    const busy = machineBusy();
    const startedAt = Date.now();
    const submitted = await Promise.all(
      batch.suppliers.map((supplier) => batch.client.submit.stockImport({ uploadId: batch.uploadId, supplier, kind: "stock" })),
    );
    if (submitted.some((s) => s.deduplicated)) throw new Error("a submit was folded into an import still active from an earlier batch");
    // pollTask's 500 ms cadence does not blur the figure: the end is the tasks' own doneAt, not when a poll saw it.
    const done = await Promise.all(submitted.map((s) => batch.client.pollTask(s.taskId, { timeoutMs: BATCH_TIMEOUT_MS })));
    const machine = busy();
    const wallS = (Date.now() - startedAt) / 1000;
    const cpuAfter = await Promise.all([...procs, node].map((p) => cpuSeconds(p.pid)));
    const engineUse = await engines();
    const used = cpuAfter.map((after, i) => after - cpuBefore[i]!);
    for (const task of done) {
      if (task.result.imported !== batch.rows) throw new Error(`task ${task.id} imported ${task.result.imported} of ${batch.rows} rows`);
    }
    const seconds = (Math.max(...done.map((t) => t.doneAt!.getTime())) - startedAt) / 1000;
    const taskSeconds = done.map((t) => (t.doneAt!.getTime() - t.startedAt!.getTime()) / 1000);
    return {
      workers,
      seconds: +seconds.toFixed(3),
      tasksPerS: +(done.length / seconds).toFixed(2),
      meanTaskS: +(taskSeconds.reduce((a, b) => a + b, 0) / taskSeconds.length).toFixed(3),
      workerCores: +(used.slice(0, -1).reduce((a, b) => a + b, 0) / wallS).toFixed(2),
      nodeCores: +(used.at(-1)! / wallS).toFixed(2),
      postgresCores: +(engineUse.postgres / wallS).toFixed(2),
      redisCores: +(engineUse.redis / wallS).toFixed(2),
      machineBusy: machine,
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}
