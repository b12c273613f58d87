/**
 * The task manager's own cost per task, without HTTP or SQLite: TaskManager over MemoryTaskStore
 * with a handler that returns at once, so what is timed is submit, queueing, running, result check
 * and the store writes of the manager itself. TASKS tasks from distinct owners (no deduplication),
 * all submitted at once, timed until the last one has finished.
 */
import { MemoryTaskStore, TaskManager, type TaskHandlers } from "@tasklane/server";

const TASKS = Number(process.env.TASKS ?? 20_000);

const result = { componentsTotal: 0, updated: 0, unchanged: 0, withoutOffers: 0 };
const handlers: TaskHandlers = {
  recalculate: () => result,
  stockImport: () => ({ rowsTotal: 0, imported: 0, skipped: 0, componentsCreated: 0, skippedRows: [] }),
  pricelistCreate: (input, ctx) => ({ pricelistId: ctx.taskId, source: input.source, rows: 0 }),
};

export async function managerOverhead(tasks = TASKS) {
  const manager = new TaskManager({ store: new MemoryTaskStore(), handlers });
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: tasks }, (_, i) => manager.submit("recalculate", {}, `owner-${i}`)));
  for (let n = await manager.stats(); n.queued + n.running > 0; n = await manager.stats()) await new Promise((r) => setImmediate(r));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await manager.close();
  return {
    tasks,
    tasksPerS: Math.round(tasks / seconds),
    usPerTask: +((seconds * 1e6) / tasks).toFixed(1),
    cpuUsPerTask: +((used.user + used.system) / tasks).toFixed(1),
  };
}
