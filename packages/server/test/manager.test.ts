import { afterEach, describe, expect, it, vi } from "vitest";
import { type TaskHandlers, TaskManager } from "../src/index.ts";
import { INTERRUPTED_TEXT } from "../src/tasks/stop-reasons.ts";
import { CountingStore, OWNER, gate, recalcResult, testHandlers, untilAborted } from "./helpers.ts";

const managers: TaskManager[] = [];
function manager(handlers: Partial<TaskHandlers> = {}, options: { concurrency?: number; timeoutsMs?: object } = {}) {
  const store = new CountingStore();
  const tasks = new TaskManager({ store, handlers: testHandlers(handlers), ...options });
  managers.push(tasks);
  return { tasks, store };
}

async function settled(tasks: TaskManager, id: string) {
  await vi.waitFor(async () => {
    const task = await tasks.get(id, OWNER);
    expect(["completed", "error", "cancelled"]).toContain(task?.status);
  });
  return (await tasks.get(id, OWNER))!;
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close({ graceMs: 0 })));
});

describe("submit and run", () => {
  it("answers with a queued task at once and completes it with the handler's result", async () => {
    const { tasks } = manager();
    const task = await tasks.submit("recalculate", {}, OWNER);
    expect(task).toMatchObject({ type: "recalculate", status: "queued", progress: 0, result: null });
    const done = await settled(tasks, task.id);
    expect(done).toMatchObject({ status: "completed", progress: 100, error: null, result: recalcResult(50_005_000) });
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.doneAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
  });

  it("refuses an input that fails the contract, before storing anything", async () => {
    const { tasks, store } = manager();
    await expect(tasks.submit("pricelistCreate", { source: "nowhere" }, OWNER)).rejects.toThrow(/source/);
    expect((await store.list({ owner: OWNER, limit: 10 })).items).toEqual([]);
  });

  it("clamps progress to 0..99 while running and keeps the message", async () => {
    const hold = gate();
    const seen: number[] = [];
    const { tasks } = manager({
      recalculate: async (_i, ctx) => {
        for (const p of [-5, 12.7, 250, Number.NaN]) {
          ctx.progress(p, `at ${p}`);
          seen.push((await tasks.get(ctx.taskId, OWNER))!.progress);
        }
        await hold.promise;
        return recalcResult(1);
      },
    });
    const { id } = await tasks.submit("recalculate", {}, OWNER);
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    expect(seen).toEqual([0, 12, 99, 99]);
    expect((await tasks.get(id, OWNER))!.message).toBe("at NaN");
    hold.open();
    expect((await settled(tasks, id)).progress).toBe(100);
  });

  it("serves progress from memory: 100,000 reports cost a handful of store writes", async () => {
    const { tasks, store } = manager({
      recalculate: async (_i, ctx) => {
        for (let i = 0; i < 100_000; i++) ctx.progress(i / 1000, `step ${i}`);
        expect((await tasks.get(ctx.taskId, OWNER))!.message).toBe("step 99999");
        return recalcResult(1);
      },
    });
    const { id } = await tasks.submit("recalculate", {}, OWNER);
    await settled(tasks, id);
    // running + one pending flush + completed
    expect(store.updates).toBeLessThanOrEqual(3);
  });
});

describe("failures end as error and the manager goes on", () => {
  const cases: [string, Partial<TaskHandlers>, RegExp][] = [
    ["throws synchronously", { recalculate: () => { throw new Error("disk full"); } }, /^disk full$/],
    ["rejects", { recalculate: async () => Promise.reject(new Error("no offers table")) }, /^no offers table$/],
    ["rejects with a non-Error", { recalculate: async () => Promise.reject(42) }, /failed without saying why/],
    [
      "returns a result that fails its schema",
      { recalculate: async () => ({ componentsTotal: -1 }) as never },
      /recalculate handler returned a result that does not match its schema: componentsTotal: .*; updated: /,
    ],
  ];
  it.each(cases)("a handler that %s", async (_name, handlers, text) => {
    const { tasks } = manager(handlers);
    const failed = await settled(tasks, (await tasks.submit("recalculate", {}, OWNER)).id);
    expect(failed).toMatchObject({ status: "error", result: null, message: "Failed" });
    expect(failed.error).toMatch(text);
    const next = await settled(tasks, (await tasks.submit("stockImport", { uploadId: crypto.randomUUID(), supplier: "abc", kind: "stock" }, OWNER)).id);
    expect(next.status).toBe("completed");
  });
});

describe("concurrency", () => {
  it("runs at most `concurrency` tasks; the rest wait queued, first come first served", async () => {
    const holds = [gate(), gate(), gate()];
    let started = 0;
    const { tasks } = manager(
      { recalculate: async () => { const mine = holds[started++]!; await mine.promise; return recalcResult(1); } },
      { concurrency: 2 },
    );
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await tasks.submit("recalculate", {}, OWNER)).id);
    await vi.waitFor(() => expect(started).toBe(2));
    expect((await tasks.get(ids[2]!, OWNER))!.status).toBe("queued");
    expect(tasks.stats()).toEqual({ queued: 1, running: 2 });
    holds[0]!.open();
    await vi.waitFor(() => expect(started).toBe(3));
    holds[1]!.open();
    holds[2]!.open();
    for (const id of ids) expect((await settled(tasks, id)).status).toBe("completed");
  });
});

describe("cancel", () => {
  it("ends a queued task at once", async () => {
    const hold = gate();
    const { tasks } = manager({ recalculate: async () => { await hold.promise; return recalcResult(1); } }, { concurrency: 1 });
    await tasks.submit("recalculate", {}, OWNER);
    const queued = await tasks.submit("recalculate", {}, OWNER);
    const cancelled = await tasks.cancel(queued.id, OWNER);
    expect(cancelled).toMatchObject({ status: "cancelled", error: "Cancelled by the caller" });
    hold.open();
  });

  it("fires a running handler's signal; the task ends cancelled", async () => {
    let signal: AbortSignal | undefined;
    const { tasks } = manager({ recalculate: (_i, ctx) => { signal = ctx.signal; return untilAborted(ctx.signal); } });
    const { id } = await tasks.submit("recalculate", {}, OWNER);
    await vi.waitFor(() => expect(signal).toBeDefined());
    const answer = await tasks.cancel(id, OWNER);
    expect(answer!.status).toBe("running");
    expect(signal!.aborted).toBe(true);
    expect(await settled(tasks, id)).toMatchObject({ status: "cancelled", error: "Cancelled by the caller" });
  });

  it("answers a finished task unchanged, and another owner's with nothing", async () => {
    const { tasks } = manager();
    const { id } = await tasks.submit("recalculate", {}, OWNER);
    const done = await settled(tasks, id);
    expect(await tasks.cancel(id, OWNER)).toEqual(done);
    expect(await tasks.cancel(id, "someone else")).toBeUndefined();
    expect(await tasks.get(id, "someone else")).toBeUndefined();
  });
});

describe("limits and stopping", () => {
  it("ends a task that runs past its type's limit as error", async () => {
    const { tasks } = manager({ recalculate: (_i, ctx) => untilAborted(ctx.signal) }, { timeoutsMs: { recalculate: 20 } });
    const failed = await settled(tasks, (await tasks.submit("recalculate", {}, OWNER)).id);
    expect(failed).toMatchObject({ status: "error" });
    expect(failed.error).toMatch(/^Timed out/);
  });

  it("close() refuses submits, interrupts queued tasks and aborts running ones after the grace period", async () => {
    const { tasks } = manager({ recalculate: (_i, ctx) => untilAborted(ctx.signal) }, { concurrency: 1 });
    const running = await tasks.submit("recalculate", {}, OWNER);
    const queued = await tasks.submit("recalculate", {}, OWNER);
    await vi.waitFor(async () => expect((await tasks.get(running.id, OWNER))!.status).toBe("running"));
    await tasks.close({ graceMs: 10 });
    for (const id of [running.id, queued.id]) {
      expect(await tasks.get(id, OWNER)).toMatchObject({ status: "error", error: INTERRUPTED_TEXT });
    }
    await expect(tasks.submit("recalculate", {}, OWNER)).rejects.toThrow(/stopping/);
  });

  it("close() lets a running task finish within the grace period", async () => {
    const hold = gate();
    const { tasks } = manager({ recalculate: async () => { await hold.promise; return recalcResult(2); } });
    const { id } = await tasks.submit("recalculate", {}, OWNER);
    await vi.waitFor(async () => expect((await tasks.get(id, OWNER))!.status).toBe("running"));
    const closing = tasks.close({ graceMs: 60_000 });
    hold.open();
    await closing;
    expect(await tasks.get(id, OWNER)).toMatchObject({ status: "completed", result: recalcResult(2) });
  });
});

describe("list", () => {
  it("pages newest first, filters by type and status, and shows only the owner's tasks", async () => {
    const { tasks } = manager();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await tasks.submit("pricelistCreate", { source: "estimate" }, OWNER)).id);
    await tasks.submit("pricelistCreate", { source: "estimate" }, "other");
    const rid = (await tasks.submit("recalculate", {}, OWNER)).id;
    for (const id of [...ids, rid]) await settled(tasks, id);

    const first = await tasks.list({ owner: OWNER, type: "pricelistCreate", limit: 2 });
    expect(first.items.map((t) => t.id)).toEqual([ids[4], ids[3]]);
    const second = await tasks.list({ owner: OWNER, type: "pricelistCreate", limit: 2, cursor: first.nextCursor! });
    const third = await tasks.list({ owner: OWNER, type: "pricelistCreate", limit: 2, cursor: second.nextCursor! });
    expect([...second.items, ...third.items].map((t) => t.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(third.nextCursor).toBeNull();

    expect((await tasks.list({ owner: OWNER, limit: 100 })).items).toHaveLength(6);
    expect((await tasks.list({ owner: OWNER, status: "error", limit: 100 })).items).toEqual([]);
    expect((await tasks.list({ owner: "other", limit: 100 })).items).toHaveLength(1);
  });
});
