import { writeFile } from "node:fs/promises";
import path from "node:path";
import { type Task, isFinalStatus } from "@tasklane/contract";
import { createTasklaneClient } from "@tasklane/client";
import { describe, expect, it } from "vitest";
import { startService, tempDir, testHandlers } from "@tasklane/testing";

describe("a poll reads status and result together", () => {
  // The BullMQ getJob/getState race (bullmq issue 1985) would show `completed` with no result.
  it("never shows a completed task without its result, nor an ended one without its end", async () => {
    const service = await startService({ handlers: testHandlers(), concurrency: 4 });
    const client = createTasklaneClient({ url: service.url });
    const file = path.join(await tempDir(), "s.csv");
    await writeFile(file, "PN;Price\nA;1\n");
    const { uploadId } = await client.uploadFile(file);
    const ids = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => (await client.submit.stockImport({ uploadId, supplier: `S${i}`, kind: "stock" })).taskId),
    );
    const seen: Task[] = [];
    await Promise.all(
      ids.map(async (id) => {
        for (;;) {
          const task = await client.getTask(id);
          seen.push(task);
          if (isFinalStatus(task.status)) return;
        }
      }),
    );
    const completed = seen.filter((t) => t.status === "completed");
    expect(completed.length).toBeGreaterThanOrEqual(30);
    for (const task of completed) {
      expect(task.result).not.toBeNull();
      expect(task).toMatchObject({ progress: 100, error: null, doneAt: expect.any(Date) });
    }
    for (const task of seen.filter((t) => t.status !== "completed")) expect(task.result).toBeNull();
  });
});
