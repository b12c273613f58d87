/**
 * Tasks submitted and completed per second through HTTP, for the cheapest task type: a recalculation
 * of an empty price table, through the real API process (apps/api) with its SQLite store. Each task
 * comes from another caller (token), since the service folds a second recalculation of the same
 * caller into the first. IN_FLIGHT submits are open at once through @tasklane/client; the tasks
 * run with the service's default concurrency (2).
 */
import { createTasklaneClient } from "@tasklane/client";
import { startService } from "../lib/service-process.ts";

const TASKS = Number(process.env.SUBMIT_TASKS ?? 1000);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 50);

export async function httpSubmit(tasks = TASKS) {
  const tokens = Array.from({ length: tasks }, (_, i) => `submit-token-0123456789-${i}`);
  const service = await startService({
    TASKLANE_TOKENS: tokens.map((t, i) => `caller${i}:${t}`).join(","),
    TASKLANE_SHUTDOWN_GRACE_SECONDS: "0",
  });
  try {
    const clients = tokens.map((token) => createTasklaneClient({ url: service.url, token }));
    const ids = new Array<string>(tasks);
    let next = 0;
    const startedAt = Date.now();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let i = next++; i < tasks; i = next++) ids[i] = (await clients[i]!.submit.recalculate({})).taskId;
      }),
    );
    const submitSeconds = (performance.now() - t0) / 1000;
    // Wait for the last task with a plain read loop, not pollTask: its 500 ms steps would blur the end.
    let last = 0;
    for (let i = 0; i < tasks; i++) {
      for (;;) {
        const task = await clients[i]!.getTask(ids[i]!);
        if (task.status === "completed") {
          last = Math.max(last, task.doneAt!.getTime());
          break;
        }
        if (task.status !== "queued" && task.status !== "running") throw new Error(`task ${task.id} ended ${task.status}: ${task.error}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const completeSeconds = (last - startedAt) / 1000;
    return {
      tasks,
      inFlight: IN_FLIGHT,
      submitsPerS: Math.round(tasks / submitSeconds),
      completedPerS: Math.round(tasks / completeSeconds),
    };
  } finally {
    await service.stop();
  }
}
