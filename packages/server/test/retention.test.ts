import { mkdir, mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { applyMigrations, openDatabase, sqlitePricingDb } from "@tasklane/pricing";
import { MemoryTaskStore, SERVER_MIGRATIONS, SqliteUploadStore } from "../src/index.ts";
import { Retention } from "../src/tasks/retention.ts";

const HOUR = 3_600_000;
let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function task(id: string, doneAt: Date | null) {
  return {
    id,
    type: "recalculate" as const,
    subject: {},
    status: doneAt ? ("completed" as const) : ("running" as const),
    progress: doneAt ? 100 : 10,
    message: "",
    messageText: null,
    result: null,
    error: null,
    errorText: null,
    createdAt: new Date(0),
    startedAt: new Date(0),
    doneAt,
  };
}

describe("retention", () => {
  it("removes finished tasks and uploads older than the period, and nothing an active task needs", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "tasklane-retention-"));
    const now = new Date(100 * HOUR);
    const store = new MemoryTaskStore();
    const sqlite = openDatabase(path.join(dir, "t.sqlite"));
    await applyMigrations(sqlitePricingDb(sqlite), SERVER_MIGRATIONS);
    const uploadsDir = path.join(dir, "uploads");
    await mkdir(uploadsDir);
    const uploads = new SqliteUploadStore(sqlitePricingDb(sqlite), uploadsDir);
    await store.insert({ task: task("old-done", new Date(now.getTime() - 25 * HOUR)), owner: "o", input: {}, idempotencyKey: null });
    await store.insert({ task: task("recent-done", new Date(now.getTime() - 23 * HOUR)), owner: "o", input: {}, idempotencyKey: null });
    await store.insert({ task: task("old-running", null), owner: "o", input: {}, idempotencyKey: null });
    for (const [id, ageHours] of [
      ["old", 30],
      ["in-use", 30],
      ["recent", 1],
    ] as const) {
      await uploads.write(id, Readable.from(["x"]));
      await uploads.save({ id, owner: "o", filename: id, size: 1, createdAt: new Date(now.getTime() - ageHours * HOUR) });
    }
    // Written and never saved (its process died mid-upload), long ago.
    await uploads.write("orphan", Readable.from(["x"]));
    await utimes(path.join(uploadsDir, "orphan"), new Date(0), new Date(0));
    const retention = new Retention({
      store,
      uploads,
      retentionMs: 24 * HOUR,
      uploadsInUse: async () => new Set(["in-use"]),
      now: () => now,
    });

    expect(await retention.sweep()).toEqual({ tasks: 1, uploads: 2 });
    expect(await store.get("old-done")).toBeUndefined();
    expect(await store.get("recent-done")).toBeDefined();
    expect(await store.get("old-running")).toBeDefined();
    expect((await readdir(uploadsDir)).sort()).toEqual(["in-use", "recent"]);
    expect(await uploads.get("old")).toBeUndefined();
    sqlite.close();
  });
});
