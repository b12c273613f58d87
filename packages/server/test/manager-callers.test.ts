import { afterEach, describe, expect, it, vi } from "vitest";
import { type TaskHandlers, TaskManager } from "../src/index.ts";
import { IdempotencyKeyConflictError, QueuedLimitError } from "../src/tasks/errors.ts";
import { CountingStore, OWNER, heldHandlers, testHandlers } from "./helpers.ts";

const managers: TaskManager[] = [];
function manager(handlers: Partial<TaskHandlers> = {}, options: { concurrency?: number; maxQueuedPerCaller?: number } = {}) {
  const tasks = new TaskManager({ store: new CountingStore(), handlers: testHandlers(handlers), ...options });
  managers.push(tasks);
  return tasks;
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close({ graceMs: 0 })));
});

const upload = (supplier: string) => ({ uploadId: crypto.randomUUID(), supplier, kind: "stock" as const });

describe("an idempotency key reused with another task type", () => {
  it("is a conflict naming the key, while the first task is active and after it ended", async () => {
    const held = heldHandlers();
    const tasks = manager(held.handlers);
    const first = await tasks.submit("pricelistCreate", { source: "estimate", idempotencyKey: "abc" }, OWNER);
    const conflict = await tasks.submit("recalculate", { idempotencyKey: "abc" }, OWNER).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(IdempotencyKeyConflictError);
    expect((conflict as Error).message).toBe('The idempotency key "abc" was already used for a pricelistCreate task');
    held.release("estimate");
    await vi.waitFor(async () => expect((await tasks.get(first.task.id, OWNER))?.status).toBe("completed"));
    await expect(tasks.submit("stockImport", { ...upload("Ocean"), idempotencyKey: "abc" }, OWNER)).rejects.toThrow(
      IdempotencyKeyConflictError,
    );
    // The same type with the key still answers with the first task; another caller's key is its own.
    expect((await tasks.submit("pricelistCreate", { source: "estimate", idempotencyKey: "abc" }, OWNER)).task.id).toBe(first.task.id);
    expect((await tasks.submit("recalculate", { idempotencyKey: "abc" }, "other")).deduplicated).toBe(false);
  });
});

describe("queued tasks per caller", () => {
  it("refuses a caller's submit past the bound, not another caller's, and takes it again once one starts", async () => {
    const held = heldHandlers();
    const tasks = manager(held.handlers, { concurrency: 1, maxQueuedPerCaller: 2 });
    await tasks.submit("stockImport", { ...upload("s0"), idempotencyKey: "k0" }, OWNER); // runs
    await tasks.submit("stockImport", upload("s1"), OWNER);
    await tasks.submit("stockImport", upload("s2"), OWNER);
    const refused = await tasks.submit("stockImport", upload("s3"), OWNER).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueuedLimitError);
    expect((refused as Error).message).toBe("You have 2 tasks waiting; wait for some to finish before submitting more");
    // A retry of an accepted submit, and the same work again, still answer with their task.
    expect((await tasks.submit("stockImport", { ...upload("s0"), idempotencyKey: "k0" }, OWNER)).deduplicated).toBe(true);
    expect((await tasks.submit("stockImport", upload("s2"), OWNER)).deduplicated).toBe(true);
    expect((await tasks.submit("stockImport", upload("o1"), "other")).deduplicated).toBe(false);
    // The other caller's first task runs before this caller's second (fair order, below).
    held.release("s0");
    await vi.waitFor(() => expect(held.started).toEqual(["s0", "o1"]));
    await expect(tasks.submit("stockImport", upload("s3"), OWNER)).rejects.toThrow(QueuedLimitError);
    held.release("o1");
    await vi.waitFor(() => expect(held.started).toEqual(["s0", "o1", "s1"]));
    expect((await tasks.submit("stockImport", upload("s3"), OWNER)).deduplicated).toBe(false);
    expect(await tasks.stats()).toEqual({ queued: 2, running: 1 });
  });

  it("frees a place when a queued task is cancelled", async () => {
    const held = heldHandlers();
    const tasks = manager(held.handlers, { concurrency: 1, maxQueuedPerCaller: 1 });
    await tasks.submit("stockImport", upload("s0"), OWNER);
    const queued = await tasks.submit("stockImport", upload("s1"), OWNER);
    await expect(tasks.submit("stockImport", upload("s2"), OWNER)).rejects.toThrow(QueuedLimitError);
    await tasks.cancel(queued.task.id, OWNER);
    expect((await tasks.submit("stockImport", upload("s2"), OWNER)).deduplicated).toBe(false);
  });
});

describe("fair order across callers", () => {
  it("runs callers' tasks round-robin: another caller's first task goes before one's second", async () => {
    const held = heldHandlers();
    const tasks = manager(held.handlers, { concurrency: 1 });
    for (const s of ["a1", "a2", "a3"]) await tasks.submit("stockImport", upload(s), "A");
    for (const s of ["b1", "b2", "b3"]) await tasks.submit("stockImport", upload(s), "B");
    await vi.waitFor(() => expect(held.started).toEqual(["a1"]));
    for (const next of ["a1", "b1", "a2", "b2", "a3"]) {
      const ran = held.started.length;
      held.release(next);
      await vi.waitFor(() => expect(held.started.length).toBe(ran + 1));
    }
    held.release("b3");
    expect(held.started).toEqual(["a1", "b1", "a2", "b2", "a3", "b3"]);
  });

  it("a caller's many queued imports do not hold back another caller's pricelist", async () => {
    const held = heldHandlers();
    const tasks = manager(held.handlers, { concurrency: 1 });
    for (let i = 0; i < 50; i++) await tasks.submit("stockImport", upload(`a${i}`), "A");
    await tasks.submit("pricelistCreate", { source: "estimate" }, "B");
    held.release("a0");
    await vi.waitFor(() => expect(held.started).toEqual(["a0", "estimate"]));
  });
});
