import { afterEach, describe, expect, it, vi } from "vitest";
import { TaskManager } from "../src/index.ts";
import { FinishedTasks } from "../src/tasks/finished-tasks.ts";
import { CountingStore, OWNER, testHandlers } from "./helpers.ts";

const managers: TaskManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close({ graceMs: 0 })));
});

/** A real manager over a real (memory) store that counts its reads, behind FinishedTasks. */
function finishedTasks(maxChars?: number) {
  const store = new CountingStore();
  const manager = new TaskManager({ store, handlers: testHandlers() });
  managers.push(manager);
  return { store, tasks: new FinishedTasks(manager, { retentionMs: 60_000, maxChars }) };
}

async function finished(tasks: FinishedTasks, idempotencyKey: string): Promise<string> {
  const { task } = await tasks.submit("recalculate", { idempotencyKey }, OWNER);
  await vi.waitFor(async () => expect((await tasks.get(task.id, OWNER))?.status).toBe("completed"));
  return task.id;
}

describe("FinishedTasks", () => {
  it("reads a finished task from the store once, and answers no other owner with it", async () => {
    const { store, tasks } = finishedTasks();
    const id = await finished(tasks, "a");
    const reads = store.reads;
    for (let i = 0; i < 5; i++) expect(await tasks.get(id, OWNER)).toMatchObject({ id, status: "completed" });
    expect(store.reads).toBe(reads);
    expect(await tasks.get(id, "someone else")).toBeUndefined();
  });

  it("holds no more than its bound: the least recently read go first", async () => {
    const one = JSON.stringify(
      (await (async () => {
        const probe = finishedTasks();
        return probe.tasks.get(await finished(probe.tasks, "probe"), OWNER);
      })())!,
    ).length;
    const { store, tasks } = finishedTasks(one * 2 + 10);
    const [a, b, c] = [await finished(tasks, "a"), await finished(tasks, "b"), await finished(tasks, "c")];
    expect(tasks.size).toBe(2);
    await tasks.get(b, OWNER);
    const reads = store.reads;
    await tasks.get(c, OWNER);
    await tasks.get(b, OWNER);
    expect(store.reads).toBe(reads);
    await tasks.get(a, OWNER);
    expect(store.reads).toBe(reads + 1);
    expect(tasks.size).toBe(2);
  });
});
