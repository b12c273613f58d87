import { TasklaneRequestError, createTasklaneClient } from "@tasklane/client";
import { describe, expect, it } from "vitest";
import { distributed, startService, testHandlers } from "./fixtures.ts";

const MINUTE = 60_000;

describe("retention", () => {
  it("a finished task stays readable for the whole period, then the sweep removes it", async () => {
    let now = Date.now();
    const service = await startService({ handlers: testHandlers(), retentionMs: 10 * MINUTE, now: () => new Date(now) });
    const client = createTasklaneClient({ url: service.url });
    const done = await client.submitAndWait("recalculate", {});

    now += 10 * MINUTE - 1_000;
    expect((await service.retention.sweep()).tasks).toBe(0);
    expect((await client.getTask(done.id)).status).toBe("completed");

    now += 2_000;
    expect((await service.retention.sweep()).tasks).toBe(1);
    const gone = await client.getTask(done.id).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(TasklaneRequestError);
    expect(gone).toMatchObject({ code: "NOT_FOUND" });
  });

  // BullMQ prunes finished jobs past their age as later jobs finish; the outcome lives in the task's row.
  it.skipIf(!distributed)("BullMQ removes a finished job after the period; its task's final state stays readable", async () => {
    const service = await startService({ handlers: testHandlers(), retentionMs: 1_000 });
    const client = createTasklaneClient({ url: service.url });
    const first = await client.submitAndWait("recalculate", {});
    expect(await service.queue!.getJob(first.id)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await client.submitAndWait("recalculate", { idempotencyKey: "later" });

    expect(await service.queue!.getJob(first.id)).toBeUndefined();
    expect(await client.getTask(first.id)).toMatchObject({ status: "completed", result: first.result });
  });
});
