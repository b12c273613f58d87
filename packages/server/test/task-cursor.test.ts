import { InvalidCursorError } from "@tasklane/pricing";
import { describe, expect, it } from "vitest";
import { MemoryTaskStore } from "../src/index.ts";
import { decodeTaskCursor, encodeTaskCursor } from "../src/stores/task-cursor.ts";
import { newTask } from "../src/tasks/new-task.ts";
import { OWNER } from "./helpers.ts";

describe("task list cursors", () => {
  it("reads back what it writes", () => {
    for (const seq of [1, 42, Number.MAX_SAFE_INTEGER]) expect(decodeTaskCursor(encodeTaskCursor(seq))).toBe(seq);
    expect(decodeTaskCursor(undefined)).toBeUndefined();
  });

  it.each([".1", "1.", "NaN.x", "0", "-3", "1e3", "9007199254740992", "9".repeat(30), "WzFd", ""])("refuses %j", (cursor) => {
    expect(() => decodeTaskCursor(cursor)).toThrow(InvalidCursorError);
  });

  it("the memory store refuses a made-up cursor instead of answering the first page", async () => {
    const store = new MemoryTaskStore();
    await store.insert({ task: newTask("recalculate", crypto.randomUUID(), new Date(), {}), owner: OWNER, input: {}, idempotencyKey: null });
    await expect(store.list({ owner: OWNER, limit: 10, cursor: ".1" })).rejects.toThrow(InvalidCursorError);
    expect((await store.list({ owner: OWNER, limit: 10, cursor: "2" })).items).toHaveLength(1);
  });
});
