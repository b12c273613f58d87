import { InvalidCursorError, decodeCursor, encodeCursor, isIntegerCursor } from "@tasklane/pricing";
import { describe, expect, it } from "vitest";
import { MemoryTaskStore } from "../src/index.ts";
import { newTask } from "../src/tasks/tasks.ts";
import { OWNER } from "./helpers.ts";

/** The one cursor format of every list (pricing's cursor.ts); the stores' own use is in store-conformance.test.ts. */
describe("list cursors", () => {
  it("reads back what it writes", () => {
    for (const key of [[0], [42], [Number.MAX_SAFE_INTEGER]] as [number][])
      expect(decodeCursor(encodeCursor(key), isIntegerCursor)).toEqual(key);
    expect(decodeCursor(undefined, isIntegerCursor)).toBeUndefined();
  });

  const edited = (cursor: string) => [`${cursor}=`, `${cursor}!`, ` ${cursor}`, cursor.slice(0, -1), `${cursor}A`];
  it.each([
    ".1",
    "1",
    "42", // a task cursor handed out before the one format: no longer valid
    "",
    "WzFd!", // [1] with a stray character Node's decoder would skip
    encodeCursor(["1"]),
    encodeCursor([1.5]),
    encodeCursor([-1]),
    encodeCursor([1, 2]),
    encodeCursor([]),
    Buffer.from("[10]").toString("base64"), // padded base64 of [10] is not the service's form
    Buffer.from('{"seq":1}').toString("base64url"),
    Buffer.from("[1e400]").toString("base64url"),
    ...edited(encodeCursor([7])),
  ])("refuses %j", (cursor) => {
    expect(() => decodeCursor(cursor, isIntegerCursor)).toThrow(InvalidCursorError);
  });

  it("the memory store refuses a made-up cursor instead of answering the first page", async () => {
    const store = new MemoryTaskStore();
    await store.insert({
      task: newTask("recalculate", crypto.randomUUID(), new Date(), {}),
      owner: OWNER,
      input: {},
      idempotencyKey: null,
    });
    await expect(store.list({ owner: OWNER, limit: 10, cursor: ".1" })).rejects.toThrow(InvalidCursorError);
    expect((await store.list({ owner: OWNER, limit: 10, cursor: encodeCursor([2]) })).items).toHaveLength(1);
  });
});
