/**
 * How long a cancelled import, recalculation and pricelist take to stop: the time from the
 * cancel request to the task reading `cancelled` (or, for the single-transaction tasks, to
 * their end). Reads every 5 ms so the figure is the server's, not a poll interval.
 *
 *   pnpm --filter @tasklane/bench exec tsx reliability/cancel-latency.ts
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type TaskId, createTasklaneClient, isFinalStatus } from "@tasklane/client";
import { startService } from "../lib/service-process.ts";

const service = await startService();
const client = createTasklaneClient({ url: service.url });

async function stockFile(rows: number, name: string) {
  const file = path.join(service.dataDir, name);
  const lines = Array.from({ length: rows }, (_, i) => `C-${i};${(i % 300) + 1};${(i % 9) + 1}`);
  await writeFile(file, `PN;Price;Qty\n${lines.join("\n")}\n`);
  return file;
}

async function cancelWhileRunning(id: TaskId) {
  while ((await client.getTask(id)).progress === 0) await sleep(5);
  const t0 = performance.now();
  await client.cancelTask(id);
  let task = await client.getTask(id);
  while (!isFinalStatus(task.status)) {
    await sleep(5);
    task = await client.getTask(id);
  }
  return { status: task.status, ms: Math.round(performance.now() - t0) };
}

await client.submitAndWait("stockImport", { file: await stockFile(100_000, "base.csv"), supplier: "Base", kind: "stock" });
const big = await stockFile(1_000_000, "big.csv");
const results: Record<string, unknown> = {};
for (let run = 1; run <= 3; run++) {
  const { taskId } = await client.submit.stockImport({ file: big, supplier: `Big${run}`, kind: "stock" });
  results[`import, run ${run}`] = await cancelWhileRunning(taskId);
}
for (const type of ["recalculate", "pricelistCreate"] as const) {
  const { taskId } =
    type === "recalculate" ? await client.submit.recalculate({}) : await client.submit.pricelistCreate({ source: "warehouse" });
  results[type] = await cancelWhileRunning(taskId);
}
console.log(JSON.stringify(results, null, 2));
await service.stop();
