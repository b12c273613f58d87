import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TaskThreads } from "../../src/threads/task-threads.ts";
import type { ThreadJob } from "../../src/threads/thread-protocol.ts";

const misbehaving = new URL("./misbehaving-thread.mjs", import.meta.url);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(options: { heapMb?: number; stopGraceMs?: number } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), "tasklane-threads-"));
  const file = path.join(dir, "marks.sqlite");
  const db = new BetterSqlite3(file);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE marks (id TEXT PRIMARY KEY)");
  const threads = new TaskThreads({ database: { dialect: "sqlite", file }, entry: misbehaving, ...options });
  cleanups.push(async () => {
    await threads.close();
    db.close();
    await rm(dir, { recursive: true, force: true });
  });
  const marks = () => (db.prepare("SELECT id FROM marks ORDER BY id").all() as { id: string }[]).map((r) => r.id);
  // The thread protocol's own shapes; these jobs exist only in the misbehaving thread.
  const job = (type: string, id: string) => ({ type, id }) as unknown as ThreadJob;
  return { db, threads, marks, job };
}

/** Writes on the test's own connection: fails with SQLITE_BUSY if a dead thread still held the lock. */
const writeNow = (db: BetterSqlite3.Database, id: string) => db.prepare("INSERT INTO marks (id) VALUES (?)").run(id);

describe("task threads", () => {
  it("a cancel stops a thread stuck in a tight loop: terminated after the grace, its transaction rolled back", async () => {
    const { db, threads, marks, job } = await setUp({ stopGraceMs: 200 });
    const controller = new AbortController();
    const progress = vi.fn();
    const running = threads.run(job("loop", "stuck"), { signal: controller.signal, progress });
    await vi.waitFor(() => expect(progress).toHaveBeenCalledWith(50, "holding the write lock"));
    const reason = new Error("Cancelled by the caller");
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    writeNow(db, "after");
    expect(marks()).toEqual(["after"]);
    expect(threads.size).toBe(0);
  });

  it("a thread out of its heap ends its task with the memory text, rolls back, and the next task gets a new thread", async () => {
    const { db, threads, marks, job } = await setUp({ heapMb: 32 });
    const signal = new AbortController().signal;
    const failed = threads.run({ ...job("hog", "hog"), type: "stockImport" } as ThreadJob & { id: string }, { signal, progress() {} });
    // The job type decides the text; the misbehaving thread hogs on any type but "loop" and "done".
    await expect(failed).rejects.toThrow(/^The file needs more memory than one import may use: over 32 MB \(TASKLANE_TASK_MEMORY_MB\)/);
    writeNow(db, "after");
    await expect(threads.run(job("done", "next"), { signal, progress() {} })).resolves.toEqual({ id: "next" });
    expect(marks()).toEqual(["after", "next"]);
  });

  it("an idle thread is kept for the next task", async () => {
    const { threads, job } = await setUp();
    const signal = new AbortController().signal;
    await threads.run(job("done", "a"), { signal, progress() {} });
    await threads.run(job("done", "b"), { signal, progress() {} });
    expect(threads.size).toBe(1);
  });
});
