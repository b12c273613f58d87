import path from "node:path";
import { TasklaneRequestError, createTasklaneClient } from "@tasklane/client";
import { openDatabase } from "@tasklane/pricing";
import { TASKS_FILE } from "@tasklane/server";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { distributed, startService, tempDir, testHandlers } from "@tasklane/testing";

/** Removes a task's row behind the service's back, through a connection of the test's own. */
async function deleteRow(service: { databaseUrl?: string }, dataDir: string, id: string): Promise<void> {
  if (!distributed) {
    const sqlite = openDatabase(path.join(dataDir, TASKS_FILE));
    sqlite.prepare("DELETE FROM tasks WHERE id = ?").run(id);
    sqlite.close();
    return;
  }
  const client = new pg.Client({ connectionString: service.databaseUrl });
  await client.connect();
  await client.query("DELETE FROM tasks WHERE id = $1", [id]).finally(() => client.end());
}

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

  it("a finished task, once read, is answered from the node's memory for the period, to its owner only, then asked of the store again", async () => {
    let now = Date.now();
    const dataDir = await tempDir();
    const service = await startService({
      dataDir,
      handlers: testHandlers(),
      retentionMs: 10 * MINUTE,
      now: () => new Date(now),
      tokens: new Map([
        ["token-a", "alice"],
        ["token-b", "bob"],
      ]),
    });
    const owner = createTasklaneClient({ url: service.url, token: "token-a" });
    const other = createTasklaneClient({ url: service.url, token: "token-b" });
    const done = await owner.submitAndWait("recalculate", {});
    expect(await owner.getTask(done.id)).toEqual(done);

    // The row goes from the store: every poll, through the fast path and through tRPC, still
    // answers from memory, so polls of a finished task cost the store nothing.
    await deleteRow(service, dataDir, done.id);
    expect(await owner.getTask(done.id)).toEqual(done);
    const rest = await fetch(`${service.url}/api/tasks/${done.id}`, { headers: { authorization: "Bearer token-a" } });
    expect(rest.status).toBe(200);
    await expect(other.getTask(done.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Past the period the store is asked again, as retention would have removed the task by then.
    now += 10 * MINUTE + 1_000;
    await expect(owner.getTask(done.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  // BullMQ prunes finished jobs past their age as later jobs finish; the outcome lives in the task's row.
  it.skipIf(!distributed)("BullMQ removes a finished job after the period; its task's final state stays readable", async () => {
    const service = await startService({ handlers: testHandlers(), retentionMs: 1_000 });
    const client = createTasklaneClient({ url: service.url });
    const first = await client.submitAndWait("recalculate", {});
    expect(await service.queue!.getJob(first.id)).toBeDefined();
    // The worker runs in this process and stamps a finished job with Date.now(): move this process's
    // clock past the period instead of waiting it out (timers stay real, time goes on from there).
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + 1_500);
      await client.submitAndWait("recalculate", { idempotencyKey: "later" });
    } finally {
      vi.useRealTimers();
    }

    expect(await service.queue!.getJob(first.id)).toBeUndefined();
    expect(await client.getTask(first.id)).toMatchObject({ status: "completed", result: first.result });
  });
});
