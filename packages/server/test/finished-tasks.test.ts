import type { Task } from "@tasklane/contract";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TaskManager } from "../src/index.ts";
import { FinishedTasks } from "../src/tasks/finished-tasks.ts";
import { CountingStore, OWNER, heldRecalculation, testHandlers } from "./helpers.ts";

const managers: TaskManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close({ graceMs: 0 })));
});

const RETENTION_MS = 60_000;

/** A real manager over a real (memory) store that counts its reads, behind FinishedTasks; `later` moves FinishedTasks' clock on. */
function finishedTasks(maxChars?: number, handlers = testHandlers()) {
  const store = new CountingStore();
  const manager = new TaskManager({ store, handlers });
  managers.push(manager);
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const answer = (task: Task) => `the answer for ${task.id}, ${task.status}`;
  const tasks = new FinishedTasks(manager, { retentionMs: RETENTION_MS, maxChars, now, answer });
  return { store, tasks, later: (ms: number) => (offsetMs += ms) };
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
    // Each entry counts its task's JSON and its answer (about 70 characters).
    const { store, tasks } = finishedTasks((one + 100) * 2 + 10);
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
    // The answer went with the entry: c was the least recently read when a came back.
    expect(tasks.answerOf(c, OWNER)).toBeUndefined();
    expect(tasks.answerOf(a, OWNER)).toBe(`the answer for ${a}, completed`);
  });

  it("holds the task's answer for its owner only, and drops it with the task at the end of retention", async () => {
    const { store, tasks, later } = finishedTasks();
    const id = await finished(tasks, "a");
    expect(tasks.answerOf(id, OWNER)).toBe(`the answer for ${id}, completed`);
    expect(tasks.answerOf(id, "someone else")).toBeUndefined();
    const reads = store.reads;
    later(RETENTION_MS - 5_000);
    expect(tasks.answerOf(id, OWNER)).toBe(`the answer for ${id}, completed`);
    later(10_000);
    expect(tasks.answerOf(id, OWNER)).toBeUndefined();
    expect(tasks.size).toBe(0);
    expect(store.reads).toBe(reads);
    // Past retention the store is asked again: it may still hold the task until its next sweep.
    expect(await tasks.get(id, OWNER)).toMatchObject({ id, status: "completed" });
    expect(store.reads).toBe(reads + 1);
    expect(tasks.answerOf(id, OWNER)).toBeUndefined();
  });

  it("holds no answer for a task that has not finished, and one once it has", async () => {
    const { hold, handlers } = heldRecalculation(1);
    const { tasks } = finishedTasks(undefined, handlers);
    const { task } = await tasks.submit("recalculate", { idempotencyKey: "held" }, OWNER);
    await vi.waitFor(async () => expect(await tasks.get(task.id, OWNER)).toMatchObject({ status: "running", progress: 50 }));
    expect(tasks.answerOf(task.id, OWNER)).toBeUndefined();
    hold.open();
    await vi.waitFor(async () => expect((await tasks.get(task.id, OWNER))?.status).toBe("completed"));
    expect(tasks.answerOf(task.id, OWNER)).toBe(`the answer for ${task.id}, completed`);
  });
});
