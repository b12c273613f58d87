import type { Task } from "@tasklane/contract";
import { expect } from "vitest";
import { type PollRecord, isFinished, watchService } from "./poll-watch.ts";
import { type HostileService, KEPT_PART_NUMBERS, SUPPLIER, seedSupplier, startHostileService, warehousePartNumbers } from "./service.ts";

/** How long a hostile import may take to end before the test gives up on it (bounded, not a goal). */
export const TASK_END_MS = 120_000;
/** Resident memory the API process must be back under once the import has ended. */
export const MEMORY_BOUND_MB = 1536;
/** RSS falls only after a collection: how long it is given to get there. */
const MEMORY_SETTLE_MS = 15_000;

export interface HostileRun {
  service: HostileService;
  task: Task;
  polls: PollRecord;
  rssBeforeMb: number;
}

/**
 * Supplier S imports a good file; then `file` is uploaded through the SDK and imported for S
 * while /health and tasks.get are polled, until the task ends (or TASK_END_MS passes).
 * `duringRun` acts on the running task (a cancel).
 */
export async function runHostileImport(
  write: (dir: string) => Promise<string>,
  {
    env = {},
    duringRun,
  }: {
    env?: Record<string, string>;
    duringRun?: (service: HostileService, taskId: string, watch: ReturnType<typeof watchService>) => Promise<void>;
  } = {},
): Promise<HostileRun> {
  const service = await startHostileService(env);
  await seedSupplier(service);
  const file = await write(service.dataDir);
  const rssBeforeMb = await service.rssMb();
  let taskId: string | undefined;
  const watch = watchService(service, () => taskId);
  let task: Task | undefined;
  try {
    const { uploadId } = await service.client.uploadFile(file);
    ({ taskId } = await service.client.submit.stockImport({ uploadId, supplier: SUPPLIER, kind: "stock" }));
    if (duringRun) await duringRun(service, taskId, watch);
    task = await watch.until(isFinished, TASK_END_MS);
  } finally {
    const polls = await watch.stop();
    console.info(
      `${file.split("/").pop()}: ${JSON.stringify({ status: task?.status, error: task?.error?.slice(0, 200), rssBeforeMb: Math.round(rssBeforeMb), ...polls })}`,
    );
  }
  return { service, task: task, polls: watch.record, rssBeforeMb };
}

/** What every hostile import must leave: every poll answered, the process up, S's rows, memory back under the bound. */
export async function expectServiceUnharmed({ service, polls }: HostileRun, { rowsKept = true } = {}): Promise<void> {
  expect.soft(polls.failures, "polls that failed or took over 10 s").toEqual([]);
  expect(service.alive(), "the API process is still running").toBe(true);
  expect.soft((await fetch(`${service.url}/health`)).status).toBe(200);
  if (rowsKept) expect.soft(await warehousePartNumbers(service), "supplier S's rows from its earlier import").toEqual(KEPT_PART_NUMBERS);
  expect
    .soft(await settledRssMb(service), `RSS in MB after the import (peak ${Math.round(polls.peakRssMb)})`)
    .toBeLessThan(MEMORY_BOUND_MB);
}

async function settledRssMb(service: HostileService): Promise<number> {
  const deadline = Date.now() + MEMORY_SETTLE_MS;
  let rss = await service.rssMb();
  while (rss >= MEMORY_BOUND_MB && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    rss = await service.rssMb();
  }
  return rss;
}
