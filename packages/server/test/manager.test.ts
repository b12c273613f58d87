import { afterEach, describe, expect, it, vi } from "vitest";
import { type TaskHandlers, TaskManager } from "../src/index.ts";
import { INTERRUPTED_TEXT } from "../src/tasks/task-ends.ts";
import { CountingStore, OWNER, gate, recalcResult, testHandlers, untilAborted } from "./helpers.ts";

const managers: TaskManager[] = [];
function manager(handlers: Partial<TaskHandlers> = {}, options: { concurrency?: number; timeoutsMs?: object } = {}) {
  const store = new CountingStore();
  const tasks = new TaskManager({ store, handlers: testHandlers(handlers), ...options });
  managers.push(tasks);
  return { tasks, store };
}

/** The submitted task itself; dedup is tested on its own below. */
async function submitTask(tasks: TaskManager, ...args: Parameters<TaskManager["submit"]>) {
  return (await tasks.submit(...args)).task;
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
    const task = await submitTask(tasks, "recalculate", {}, OWNER);
    expect(task).toMatchObject({ type: "recalculate", status: "queued", progress: 0, result: null });
    const done = await settled(tasks, task.id);
    expect(done).toMatchObject({ status: "completed", progress: 100, error: null, result: recalcResult(50_005_000) });
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.doneAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
  });

  it("refuses an input that fails the contract, before storing anything", async () => {
    const { tasks, store } = manager();
    await expect(submitTask(tasks, "pricelistCreate", { source: "nowhere" }, OWNER)).rejects.toThrow(/source/);
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
    const { id } = await submitTask(tasks, "recalculate", {}, OWNER);
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
    const { id } = await submitTask(tasks, "recalculate", {}, OWNER);
    await settled(tasks, id);
    // running + one pending flush + completed
    expect(store.updates).toBeLessThanOrEqual(3);
  });
});

describe("failures end as error and the manager goes on", () => {
  const cases: [string, Partial<TaskHandlers>, RegExp][] = [
    [
      "throws synchronously",
      {
        recalculate: () => {
          throw new Error("disk full");
        },
      },
      /^disk full$/,
    ],
    ["rejects", { recalculate: async () => Promise.reject(new Error("no offers table")) }, /^no offers table$/],
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what this case tests
    ["rejects with a non-Error", { recalculate: async () => Promise.reject(42) }, /failed without saying why/],
    [
      "returns a result that fails its schema",
      { recalculate: async () => ({ componentsTotal: -1 }) as never },
      /recalculate handler returned a result that does not match its schema: componentsTotal: .*; updated: /,
    ],
  ];
  it.each(cases)("a handler that %s", async (_name, handlers, text) => {
    const { tasks } = manager(handlers);
    const failed = await settled(tasks, (await submitTask(tasks, "recalculate", {}, OWNER)).id);
    expect(failed).toMatchObject({ status: "error", result: null, message: "Failed" });
    expect(failed.error).toMatch(text);
    const next = await settled(
      tasks,
      (await submitTask(tasks, "stockImport", { uploadId: crypto.randomUUID(), supplier: "abc", kind: "stock" }, OWNER)).id,
    );
    expect(next.status).toBe("completed");
  });
});

describe("concurrency", () => {
  it("runs at most `concurrency` tasks; the rest wait queued, one caller's in submit order", async () => {
    const holds = [gate(), gate(), gate()];
    let started = 0;
    const { tasks } = manager(
      {
        pricelistCreate: async (input, ctx) => {
          await holds[started++]!.promise;
          return { pricelistId: ctx.taskId, source: input.source, rows: 0 };
        },
      },
      { concurrency: 2 },
    );
    const ids = [];
    for (const source of ["estimate", "warehouse", "competitor"] as const) {
      ids.push((await submitTask(tasks, "pricelistCreate", { source }, OWNER)).id);
    }
    await vi.waitFor(() => expect(started).toBe(2));
    expect((await tasks.get(ids[2]!, OWNER))!.status).toBe("queued");
    expect(await tasks.stats()).toEqual({ queued: 1, running: 2 });
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
    const { tasks } = manager(
      {
        recalculate: async () => {
          await hold.promise;
          return recalcResult(1);
        },
      },
      { concurrency: 1 },
    );
    await submitTask(tasks, "recalculate", {}, OWNER);
    const queued = await submitTask(tasks, "pricelistCreate", { source: "estimate" }, OWNER);
    const cancelled = await tasks.cancel(queued.id, OWNER);
    expect(cancelled).toMatchObject({ status: "cancelled", error: "Cancelled by the caller" });
    hold.open();
  });

  it("fires a running handler's signal; the task ends cancelled", async () => {
    let signal: AbortSignal | undefined;
    const { tasks } = manager({
      recalculate: (_i, ctx) => {
        signal = ctx.signal;
        return untilAborted(ctx.signal);
      },
    });
    const { id } = await submitTask(tasks, "recalculate", {}, OWNER);
    await vi.waitFor(() => expect(signal).toBeDefined());
    const answer = await tasks.cancel(id, OWNER);
    expect(answer!.status).toBe("running");
    expect(signal!.aborted).toBe(true);
    expect(await settled(tasks, id)).toMatchObject({ status: "cancelled", error: "Cancelled by the caller" });
  });

  it("answers a finished task unchanged, and another owner's with nothing", async () => {
    const { tasks } = manager();
    const { id } = await submitTask(tasks, "recalculate", {}, OWNER);
    const done = await settled(tasks, id);
    expect(await tasks.cancel(id, OWNER)).toEqual(done);
    expect(await tasks.cancel(id, "someone else")).toBeUndefined();
    expect(await tasks.get(id, "someone else")).toBeUndefined();
  });
});

describe("limits and stopping", () => {
  it("ends a task that runs past its type's limit as error", async () => {
    const { tasks } = manager({ recalculate: (_i, ctx) => untilAborted(ctx.signal) }, { timeoutsMs: { recalculate: 20 } });
    const failed = await settled(tasks, (await submitTask(tasks, "recalculate", {}, OWNER)).id);
    expect(failed).toMatchObject({ status: "error" });
    expect(failed.error).toMatch(/^Timed out/);
  });

  it("close() refuses submits, interrupts queued tasks and aborts running ones after the grace period", async () => {
    const { tasks } = manager({ recalculate: (_i, ctx) => untilAborted(ctx.signal) }, { concurrency: 1 });
    const running = await submitTask(tasks, "recalculate", {}, OWNER);
    const queued = await submitTask(tasks, "pricelistCreate", { source: "estimate" }, OWNER);
    await vi.waitFor(async () => expect((await tasks.get(running.id, OWNER))!.status).toBe("running"));
    await tasks.close({ graceMs: 10 });
    for (const id of [running.id, queued.id]) {
      expect(await tasks.get(id, OWNER)).toMatchObject({ status: "error", error: INTERRUPTED_TEXT });
    }
    await expect(submitTask(tasks, "recalculate", {}, OWNER)).rejects.toThrow(/stopping/);
  });

  it("close() lets a running task finish within the grace period", async () => {
    const hold = gate();
    const { tasks } = manager({
      recalculate: async () => {
        await hold.promise;
        return recalcResult(2);
      },
    });
    const { id } = await submitTask(tasks, "recalculate", {}, OWNER);
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
    for (let i = 0; i < 5; i++) {
      ids.push((await submitTask(tasks, "pricelistCreate", { source: "estimate" }, OWNER)).id);
      await settled(tasks, ids.at(-1)!);
    }
    await submitTask(tasks, "pricelistCreate", { source: "estimate" }, "other");
    await settled(tasks, (await submitTask(tasks, "recalculate", {}, OWNER)).id);

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

describe("deduplication and idempotency keys", () => {
  it("answers a second submit of the same work, while the first is active, with the first task", async () => {
    const hold = gate();
    const { tasks } = manager({
      recalculate: async () => {
        await hold.promise;
        return recalcResult(1);
      },
      stockImport: async () => {
        await hold.promise;
        return { rowsTotal: 0, imported: 0, skipped: 0, componentsCreated: 0, skippedRows: [] };
      },
    });
    const first = await tasks.submit("recalculate", {}, OWNER);
    expect(first.deduplicated).toBe(false);
    const second = await tasks.submit("recalculate", {}, OWNER);
    expect(second).toMatchObject({ deduplicated: true, task: { id: first.task.id } });
    // Another caller's work is its own.
    expect((await tasks.submit("recalculate", {}, "other")).deduplicated).toBe(false);

    const upload = (supplier: string, kind: "stock" | "competitor") => ({ uploadId: crypto.randomUUID(), supplier, kind });
    const a = await tasks.submit("stockImport", upload("Ocean", "stock"), OWNER);
    expect((await tasks.submit("stockImport", upload("Ocean", "stock"), OWNER)).task.id).toBe(a.task.id);
    expect((await tasks.submit("stockImport", upload("Ocean", "competitor"), OWNER)).deduplicated).toBe(false);
    expect((await tasks.submit("stockImport", upload("Delta", "stock"), OWNER)).deduplicated).toBe(false);

    hold.open();
    await settled(tasks, first.task.id);
    expect((await tasks.submit("recalculate", {}, OWNER)).deduplicated).toBe(false);
  });

  it("returns the first task for the same idempotency key and caller, even once it has ended", async () => {
    const { tasks } = manager();
    const first = await tasks.submit("pricelistCreate", { source: "estimate", idempotencyKey: "click-1" }, OWNER);
    await settled(tasks, first.task.id);
    const again = await tasks.submit("pricelistCreate", { source: "estimate", idempotencyKey: "click-1" }, OWNER);
    expect(again).toMatchObject({ deduplicated: true, task: { id: first.task.id, status: "completed" } });
    expect((await tasks.submit("pricelistCreate", { source: "estimate", idempotencyKey: "click-2" }, OWNER)).deduplicated).toBe(false);
    expect((await tasks.submit("pricelistCreate", { source: "estimate", idempotencyKey: "click-1" }, "other")).deduplicated).toBe(false);
  });

  it("claims a key before the first submit has been stored, so concurrent submits share one task", async () => {
    const { tasks } = manager();
    const outcomes = await Promise.all([1, 2, 3].map(() => tasks.submit("recalculate", { idempotencyKey: "k" }, OWNER)));
    expect(new Set(outcomes.map((o) => o.task.id)).size).toBe(1);
    expect(outcomes.filter((o) => !o.deduplicated)).toHaveLength(1);
  });
});
