/**
 * The line a person reads on a task, the same on both backends (issue 14: the queued line and
 * the handling of "Cancelling" differed between the embedded and the distributed runner).
 */
import { TaskCancelledError, TaskFailedError, createTasklaneClient, taskMessageIn } from "@tasklane/client";
import { describe, expect, it, vi } from "vitest";
import { gate, heldHandlers, startService, testHandlers, untilAborted } from "@tasklane/testing";

describe("a task's line on either backend", () => {
  it("a task waiting for its turn reads the one queued line", async () => {
    const { started, handlers, release } = heldHandlers();
    const { url } = await startService({ handlers: testHandlers(handlers), concurrency: 1 });
    const client = createTasklaneClient({ url });
    const first = await client.submit.pricelistCreate({ source: "estimate" });
    await vi.waitFor(() => expect(started).toEqual(["estimate"]));
    const second = await client.submit.pricelistCreate({ source: "warehouse" });
    const waiting = await client.getTask(second.taskId);
    expect(waiting).toMatchObject({ status: "queued", message: "Waiting for a free slot", messageText: { key: "task.queued" } });
    expect(taskMessageIn(waiting, "ru")).toBe("В очереди: ждёт свободного места");
    release("estimate");
    release("warehouse");
    for (const { taskId } of [first, second]) expect((await client.pollTask(taskId)).status).toBe("completed");
  });

  it("once cancelled, a running task reads 'Cancelling' until it ends, whatever its handler reports meanwhile", async () => {
    const rolledBack = gate();
    const handlers = testHandlers({
      recalculate: async (_input, ctx) => {
        ctx.progress(10, "Working");
        await untilAborted(ctx.signal).catch(() => undefined);
        ctx.progress(60, "Rolling back");
        await rolledBack.promise;
        throw ctx.signal.reason;
      },
    });
    const { url } = await startService({ handlers, progressFlushMs: 5 });
    const client = createTasklaneClient({ url });
    const { taskId } = await client.submit.recalculate({});
    await vi.waitFor(async () => expect(await client.getTask(taskId)).toMatchObject({ status: "running", message: "Working" }));
    expect(await client.cancelTask(taskId)).toMatchObject({
      status: "running",
      message: "Cancelling",
      messageText: { key: "task.cancelling" },
    });
    // The report after the cancel reaches the caller as progress, not as the line.
    await vi.waitFor(async () => expect((await client.getTask(taskId)).progress).toBe(60));
    expect(await client.getTask(taskId)).toMatchObject({ status: "running", message: "Cancelling" });
    expect((await client.listTasks({})).items[0]).toMatchObject({ id: taskId, progress: 60, message: "Cancelling" });
    rolledBack.open();
    const ended = await client.pollTask(taskId).catch((e: unknown) => e);
    expect(ended).toBeInstanceOf(TaskCancelledError);
    expect((ended as TaskCancelledError).task).toMatchObject({
      status: "cancelled",
      progress: 60,
      message: "Cancelled",
      error: "Cancelled by the caller",
    });
  });

  it("a failed task reads 'Failed' and keeps its progress; its result is null", async () => {
    const handlers = testHandlers({
      pricelistCreate: async (_input, ctx) => {
        ctx.progress(30, "Reading prices");
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error("No components have a price yet");
      },
    });
    const { url } = await startService({ handlers });
    const client = createTasklaneClient({ url });
    const failure = await client.submitAndWait("pricelistCreate", { source: "estimate" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TaskFailedError);
    const failed = (failure as TaskFailedError).task;
    expect(failed).toMatchObject({ status: "error", progress: 30, message: "Failed", messageText: { key: "task.failed" }, result: null });
    expect(taskMessageIn(failed, "ru")).toBe("Ошибка");
    expect(failed.doneAt).toBeInstanceOf(Date);
  });
});
