import { type Task, FINAL_STATUSES } from "@tasklane/contract";
import type { HostileService } from "./service.ts";

/** Polls come this often, faster than a caller's 500 ms, so a stall of a few hundred ms shows. */
export const POLL_EVERY_MS = 100;
/**
 * A poll not answered in this long counts as failed: a liveness bound, not a latency goal
 * (no test here asserts how fast anything is).
 */
export const LIVENESS_MS = 10_000;

export interface PollRecord {
  polls: number;
  /** Each failed poll: what failed and how. Expected empty. */
  failures: string[];
  slowestMs: { tasksGet: number; health: number };
  peakRssMb: number;
}

/**
 * Keeps polling `GET /health` and, once `taskId()` names a task, `tasks.get` through the SDK,
 * each one request at a time every POLL_EVERY_MS, and samples the process's RSS, until stop().
 */
export function watchService(service: HostileService, taskId: () => string | undefined) {
  const record: PollRecord = { polls: 0, failures: [], slowestMs: { tasksGet: 0, health: 0 }, peakRssMb: 0 };
  let stopped = false;
  let lastTask: Task | undefined;

  async function loop(name: "tasksGet" | "health", poll: () => Promise<void>) {
    while (!stopped) {
      const started = performance.now();
      try {
        await poll();
        record.polls++;
      } catch (error) {
        record.failures.push(`${name} at ${new Date().toISOString()}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const took = performance.now() - started;
      record.slowestMs[name] = Math.max(record.slowestMs[name], Math.round(took));
      await new Promise((r) => setTimeout(r, Math.max(0, POLL_EVERY_MS - took)));
    }
  }

  const loops = [
    loop("health", async () => {
      const response = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(LIVENESS_MS) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
    }),
    loop("tasksGet", async () => {
      const id = taskId();
      if (id !== undefined) lastTask = await service.client.getTask(id, { signal: AbortSignal.timeout(LIVENESS_MS) });
    }),
    (async () => {
      while (!stopped && service.alive()) {
        record.peakRssMb = Math.max(record.peakRssMb, await service.rssMb().catch(() => 0));
        await new Promise((r) => setTimeout(r, 50));
      }
    })(),
  ];

  return {
    record,
    /** The task as the last successful poll read it. */
    lastTask: () => lastTask,
    /** Resolves with the task once a poll reads it finished; rejects after `timeoutMs` or if the process exits. */
    async until(ended: (task: Task) => boolean, timeoutMs: number): Promise<Task> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (!service.alive()) throw new Error(`the API process exited:\n${service.output().slice(-4000)}`);
        if (lastTask && ended(lastTask)) return lastTask;
        await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
      }
      throw new Error(`not ended after ${timeoutMs} ms; last read: ${JSON.stringify(lastTask)?.slice(0, 500)}`);
    },
    async stop(): Promise<PollRecord> {
      stopped = true;
      await Promise.all(loops);
      return record;
    },
  };
}

export const isFinished = (task: Task): boolean => (FINAL_STATUSES as readonly string[]).includes(task.status);
