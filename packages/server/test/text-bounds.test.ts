import { TASK_ERROR_MAX_CHARS, TASK_MESSAGE_MAX_CHARS, TaskSchema } from "@tasklane/contract";
import { afterEach, expect, it, vi } from "vitest";
import { TaskManager } from "../src/index.ts";
import { CountingStore, OWNER, gate, testHandlers } from "./helpers.ts";

let tasks: TaskManager | undefined;
afterEach(async () => {
  await tasks?.close({ graceMs: 0 });
});

// Regression (issue 11): a file's text reached a task's message and error whole, so one task
// made every poll, and tasks.list, as large as the file's longest cell.
it("a handler's long message and long error are cut to the contract's bounds", async () => {
  const reported = gate();
  const finish = gate();
  const store = new CountingStore();
  tasks = new TaskManager({
    store,
    handlers: testHandlers({
      recalculate: async (_input, ctx) => {
        ctx.progress(50, `Reading ${"x".repeat(100_000)}`);
        reported.open();
        await finish.promise;
        throw new Error(`Bad cell ${"y".repeat(100_000)}`);
      },
    }),
  });
  const { task } = await tasks.submit("recalculate", {}, OWNER);
  await reported.promise;
  const running = (await tasks.get(task.id, OWNER))!;
  expect(running.message).toHaveLength(TASK_MESSAGE_MAX_CHARS);
  expect(running.message).toMatch(/^Reading x+…$/);
  finish.open();
  await vi.waitFor(async () => expect((await tasks!.get(task.id, OWNER))!.status).toBe("error"));
  const failed = (await tasks.get(task.id, OWNER))!;
  expect(failed.error).toHaveLength(TASK_ERROR_MAX_CHARS);
  expect(failed.error).toMatch(/^Bad cell y+…$/);
  expect(TaskSchema.safeParse(failed).success).toBe(true);
});
