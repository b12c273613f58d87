import type { TasklaneClient } from "@tasklane/client";
import type { ScalingDeployment } from "./deployment.ts";

/** Slow enough that a poll every 50 ms sees the import running with progress before it ends. */
const CRAWL_CORES = 0.02;
const SEEN_TIMEOUT_MS = 60_000;

export interface HeldTask {
  taskId: string;
  release(): Promise<void>;
}

/**
 * An import held running for as long as the polls take: its worker is stopped (SIGSTOP) once
 * the task shows progress, so every poll reads a running task's row from PostgreSQL and its
 * progress from what the node last read of the queue's event stream (a node that missed the report
 * reads it from Redis), as pollers of a task in progress do. No other worker runs meanwhile, so
 * no stalled check takes the job from the stopped one. `release` lets the worker go on and
 * stops it (the import rolls back and ends as interrupted).
 */
export async function holdRunningImport(deployment: ScalingDeployment, client: TasklaneClient, uploadId: string): Promise<HeldTask> {
  const share = deployment.workerShares[0]!;
  await share.limit(CRAWL_CORES);
  const [worker] = await deployment.startWorkers(1, 1);
  const release = async () => {
    worker!.child.kill("SIGCONT");
    await worker!.stop();
  };
  try {
    const { taskId } = await client.submit.stockImport({ uploadId, supplier: "Held import", kind: "stock" });
    const deadline = Date.now() + SEEN_TIMEOUT_MS;
    for (;;) {
      const task = await client.getTask(taskId);
      if (task.status === "running" && task.progress > 0) break;
      if (task.status !== "queued" && task.status !== "running")
        throw new Error(`the held import ended (${task.status}) before it was held`);
      if (Date.now() > deadline) throw new Error(`the held import showed no progress in ${SEEN_TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    worker!.child.kill("SIGSTOP");
    return { taskId, release };
  } catch (error) {
    await release();
    throw error;
  } finally {
    await share.limit(share.cores);
  }
}
