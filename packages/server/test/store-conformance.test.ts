/**
 * The behaviour every store must show, run against each: a new store is an implementation and
 * one line in TASK_STORES, SHARED_TASK_STORES or UPLOAD_STORES. (tests/contract runs the
 * service on top of them, on both backends.)
 */
import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { type LocalText, type Task, text } from "@tasklane/contract";
import { InvalidCursorError, encodeCursor } from "@tasklane/pricing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MemoryTaskStore } from "../src/stores/memory.ts";
import { SqlTaskStore } from "../src/stores/sql-task-store.ts";
import type { FinalFields, SharedTaskStore, StoredTask, TaskStore } from "../src/stores/task-store.ts";
import { PostgresUploadStore, SqliteUploadStore } from "../src/uploads/sql-upload-store.ts";
import type { UploadStore } from "../src/uploads/upload-store.ts";
import { newTask } from "../src/tasks/tasks.ts";
import { messageFields } from "../src/tasks/task-texts.ts";
import { type EngineEnv, engineEnv, engines } from "./store-env.ts";

interface Subject<S> {
  /** Made once per suite; `fresh` empties it before each test. */
  open(): Promise<{ store: S; fresh(): Promise<void>; close(): Promise<void> }>;
}

function onEngine<S>(dialect: EngineEnv["db"]["dialect"], make: (env: EngineEnv) => S | Promise<S>): Subject<S> {
  return {
    async open() {
      const env = await engineEnv(dialect);
      return { store: await make(env), fresh: () => env.reset(), close: () => env.close() };
    },
  };
}

const TASK_STORES: [string, Subject<TaskStore>][] = [
  [
    "memory",
    {
      async open() {
        let store = new MemoryTaskStore();
        return {
          get store() {
            return store;
          },
          fresh: async () => void (store = new MemoryTaskStore()),
          close: async () => {},
        };
      },
    },
  ],
  ...engines.map((e): [string, Subject<TaskStore>] => [e, onEngine(e, (env) => new SqlTaskStore(env.db))]),
];
const SHARED_TASK_STORES: [string, Subject<SharedTaskStore>][] = engines.map((e) => [e, onEngine(e, (env) => new SqlTaskStore(env.db))]);
const UPLOAD_STORES: [string, Subject<UploadStore>][] = [
  ...(engines.includes("sqlite")
    ? [["sqlite", onEngine("sqlite", (env) => new SqliteUploadStore(env.db, env.uploadsDir))] as [string, Subject<UploadStore>]]
    : []),
  ...(engines.includes("postgres")
    ? [["postgres", onEngine("postgres", (env) => new PostgresUploadStore(env.db))] as [string, Subject<UploadStore>]]
    : []),
];

/** Runs `body` with the suite's store, emptied before each test. */
function withStore<S>(subject: Subject<S>): () => S {
  let opened: Awaited<ReturnType<Subject<S>["open"]>> | undefined;
  beforeAll(async () => {
    opened = await subject.open();
  });
  beforeEach(async () => opened!.fresh());
  afterAll(async () => opened?.close());
  return () => opened!.store;
}

const OWNER = "owner-a";
let clock = Date.parse("2026-01-01T00:00:00Z");
const at = () => new Date((clock += 1000));

function stored(overrides: Partial<StoredTask> & { supplier?: string } = {}): StoredTask {
  const { supplier, ...rest } = overrides;
  const id = crypto.randomUUID();
  const task = supplier
    ? newTask("stockImport", id, at(), { supplier, kind: "stock", fileName: "f.csv" })
    : newTask("recalculate", id, at(), {});
  const input = supplier ? { uploadId: crypto.randomUUID(), supplier, kind: "stock" } : {};
  return { task, owner: OWNER, input, idempotencyKey: null, ...rest };
}

const ended = (task: Task, status: "completed" | "error" | "cancelled", doneAt = at()): Task =>
  ({
    ...task,
    status,
    progress: status === "completed" ? 100 : 40,
    ...messageFields(text(status === "completed" ? "task.completed" : "task.failed")),
    result: status === "completed" ? { componentsTotal: 3, updated: 2, unchanged: 1, withoutOffers: 0 } : null,
    ...(status === "completed" ? { error: null, errorText: null } : { error: "It broke", errorText: text("task.failed") }),
    startedAt: task.createdAt,
    doneAt,
  }) as Task;

const final = (status: FinalFields["status"]): FinalFields => {
  const task = ended(stored().task, status);
  return {
    status,
    progress: task.progress,
    message: task.message,
    messageText: task.messageText,
    result: task.result,
    error: task.error,
    errorText: task.errorText,
    doneAt: task.doneAt!,
  };
};

describe.each(TASK_STORES)("TaskStore: %s", (_name, subject) => {
  const store = withStore(subject);

  it("gives back what it stored, and refuses a second task with the same id", async () => {
    const s = stored({ supplier: "ACME", idempotencyKey: "k1" });
    await store().insert(s);
    expect(await store().get(s.task.id)).toMatchObject({ task: s.task, owner: OWNER, input: s.input, idempotencyKey: "k1" });
    await expect(store().insert(s)).rejects.toThrow();
    expect(await store().get(crypto.randomUUID())).toBeUndefined();
  });

  it("replaces the changing fields on update, texts and result included", async () => {
    const s = stored();
    await store().insert(s);
    const done = ended(s.task, "completed");
    await store().update(done);
    expect((await store().get(s.task.id))?.task).toEqual(done);
    const failed = ended(s.task, "error");
    await store().update(failed);
    expect((await store().get(s.task.id))?.task).toEqual(failed);
    await store().update(ended(stored().task, "completed")); // an unknown task: nothing to do, no error
  });

  it("finds a task by its owner's idempotency key only", async () => {
    const s = stored({ idempotencyKey: "same" });
    await store().insert(s);
    await store().insert(stored({ owner: "owner-b", idempotencyKey: "same" }));
    expect((await store().findEarlier(OWNER, "same", "work"))?.id).toBe(s.task.id);
    expect(await store().findEarlier(OWNER, "other", "work")).toBeUndefined();
  });

  it("lists the owner's tasks newest first, filtered, in pages that stay stable under inserts", async () => {
    const mine: StoredTask[] = [];
    for (let i = 0; i < 5; i++) mine.push(stored(i % 2 ? { supplier: i === 1 ? "ACME" : "Other" } : {}));
    for (const s of mine) await store().insert(s);
    await store().insert(stored({ owner: "owner-b" }));
    await store().update(ended(mine[0]!.task, "completed"));

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store().list({ owner: OWNER, limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
      await store().insert(stored()); // newer than every page: never in a later one
    } while (cursor !== undefined);
    expect(seen).toEqual(mine.map((s) => s.task.id).reverse());

    const ids = async (query: object) => (await store().list({ owner: OWNER, limit: 10, ...query })).items.map((t) => t.id);
    expect(await ids({ type: "stockImport" })).toEqual([mine[3]!.task.id, mine[1]!.task.id]);
    expect(await ids({ supplier: "ACME" })).toEqual([mine[1]!.task.id]);
    expect(await ids({ status: "completed" })).toEqual([mine[0]!.task.id]);
    expect((await store().list({ owner: OWNER, limit: 10, status: "completed" })).nextCursor).toBeNull();
  });

  it.each(["1", ".1", "", "WzFd=", encodeCursor(["1"]), encodeCursor([1.5]), encodeCursor([-1]), `${encodeCursor([3])}!`])(
    "refuses the cursor %j it did not make",
    async (cursor) => {
      await store().insert(stored());
      await expect(store().list({ owner: OWNER, limit: 10, cursor })).rejects.toThrow(InvalidCursorError);
    },
  );

  it("ends every unfinished task as an error with the given text, and no finished one", async () => {
    const [queued, running, done] = [stored(), stored(), stored()];
    for (const s of [queued, running, done]) await store().insert(s);
    await store().update({ ...running.task, status: "running", startedAt: at() });
    await store().update(ended(done.task, "completed"));
    const reason: LocalText = text("task.interrupted");
    const when = at();
    expect(await store().failUnfinished(reason, when)).toBe(2);
    for (const s of [queued, running]) {
      expect((await store().get(s.task.id))?.task).toMatchObject({
        status: "error",
        errorText: reason,
        messageText: text("task.failed"),
        doneAt: when,
      });
    }
    expect((await store().get(done.task.id))?.task.status).toBe("completed");
    expect(await store().failUnfinished(reason, at())).toBe(0);
  });

  it("deletes only tasks that ended before the cutoff", async () => {
    const [old, recent, open] = [stored(), stored(), stored()];
    for (const s of [old, recent, open]) await store().insert(s);
    await store().update(ended(old.task, "completed", new Date(1000)));
    await store().update(ended(recent.task, "cancelled", new Date(5000)));
    expect(await store().deleteFinishedBefore(new Date(3000))).toBe(1);
    expect(await store().get(old.task.id)).toBeUndefined();
    expect(await store().get(recent.task.id)).toBeDefined();
    expect(await store().get(open.task.id)).toBeDefined();
  });
});

describe.each(SHARED_TASK_STORES)("SharedTaskStore: %s", (_name, subject) => {
  const store = withStore(subject);

  it("stores the same active work once per owner, and again once it ended", async () => {
    const first = stored();
    expect(await store().insertOrFind(first, "work")).toEqual({ task: first.task, deduplicated: false });
    expect(await store().insertOrFind(stored(), "work")).toMatchObject({ task: { id: first.task.id }, deduplicated: true });
    const other = stored({ owner: "owner-b" });
    expect((await store().insertOrFind(other, "work")).deduplicated).toBe(false);
    expect(await store().activeOf(OWNER)).toEqual({ queued: 1, active: 1 });
    expect(await store().end(first.task.id, "queued", final("cancelled"))).toMatchObject({ id: first.task.id, status: "cancelled" });
    expect(await store().activeOf(OWNER)).toEqual({ queued: 0, active: 0 });
    expect((await store().insertOrFind(stored(), "work")).deduplicated).toBe(false);
  });

  it("answers an idempotency key with its task, ended or not, before the same work", async () => {
    const keyed = stored({ idempotencyKey: "k" });
    await store().insertOrFind(keyed, "a");
    await store().end(keyed.task.id, "unfinished", final("error"));
    const active = stored();
    await store().insertOrFind(active, "b");
    expect((await store().insertOrFind(stored({ idempotencyKey: "k" }), "b")).task.id).toBe(keyed.task.id);
    expect((await store().findEarlier(OWNER, null, "b"))?.id).toBe(active.task.id);
    expect(await store().findEarlier(OWNER, "none", "c")).toBeUndefined();
  });

  it("lets a claim run a task, a re-run take it over, and only the current run finish it", async () => {
    const s = stored({ supplier: "ACME" });
    await store().insertOrFind(s, "w");
    expect(await store().uploadsInUse()).toEqual(new Set([(s.input as { uploadId: string }).uploadId]));
    expect(await store().claim(s.task.id, "run-1", at())).toEqual({
      type: "stockImport",
      input: s.input,
      attempts: 1,
      cancelRequested: false,
    });
    expect((await store().get(s.task.id))?.task).toMatchObject({ status: "running", progress: 0, messageText: text("task.starting") });
    expect((await store().claim(s.task.id, "run-2", at()))?.attempts).toBe(2);
    expect(await store().finish(s.task.id, "run-1", final("completed"))).toBe(false);
    expect(await store().finish(s.task.id, "run-2", final("completed"))).toBe(true);
    expect((await store().get(s.task.id))?.task).toMatchObject({ status: "completed", progress: 100 });
    expect(await store().finish(s.task.id, "run-2", final("error"))).toBe(false);
    expect(await store().claim(s.task.id, "run-3", at())).toBeUndefined();
    expect(await store().uploadsInUse()).toEqual(new Set());
  });

  it("marks a running task for cancelling, and nothing else", async () => {
    const [running, queued] = [stored(), stored()];
    await store().insertOrFind(running, "r");
    await store().insertOrFind(queued, "q");
    await store().claim(running.task.id, "run", at());
    expect(await store().requestCancel(queued.task.id)).toBeUndefined();
    expect(await store().requestCancel(running.task.id)).toMatchObject({ status: "running", messageText: text("task.cancelling") });
    expect(await store().cancelRequested([running.task.id, queued.task.id])).toEqual([running.task.id]);
    expect(await store().cancelRequested([])).toEqual([]);
    expect((await store().get(running.task.id))?.cancelRequested).toBe(true);
    expect((await store().claim(running.task.id, "rerun", at()))?.cancelRequested).toBe(true);
    expect(await store().end(queued.task.id, "queued", final("cancelled"))).toBeDefined();
    expect(await store().end(queued.task.id, "queued", final("cancelled"))).toBeUndefined();
  });

  it("lists unfinished tasks created before a time, oldest first, and takes a submit back", async () => {
    const [a, b, c] = [stored(), stored(), stored()];
    for (const [s, key] of [
      [a, "a"],
      [b, "b"],
      [c, "c"],
    ] as const)
      await store().insertOrFind(s, key);
    await store().claim(b.task.id, "run", at());
    expect(await store().unfinishedBefore(c.task.createdAt)).toEqual([
      { id: a.task.id, type: "recalculate", status: "queued" },
      { id: b.task.id, type: "recalculate", status: "running" },
    ]);
    await store().delete(a.task.id);
    expect(await store().get(a.task.id)).toBeUndefined();
  });
});

describe.each(UPLOAD_STORES)("UploadStore: %s", (_name, subject) => {
  const store = withStore(subject);
  const upload = (id: string, size: number, createdAt = at(), owner = OWNER) => ({ id, owner, filename: `${id}.csv`, size, createdAt });
  const bytes = (n: number) => Buffer.alloc(n, 7);

  it("keeps the bytes it was streamed, visible once saved, and removes record and bytes together", async () => {
    const id = crypto.randomUUID();
    const data = Buffer.concat([bytes(1024 * 1024), Buffer.from("tail")]);
    expect(await store().write(id, Readable.from([data.subarray(0, 1000), data.subarray(1000)]))).toBe(data.length);
    expect(await store().get(id)).toBeUndefined();
    await store().save(upload(id, data.length));
    expect(await store().get(id)).toMatchObject({ id, owner: OWNER, size: data.length });
    const file = await store().openFile(id);
    expect((await readFile(file.path)).equals(data)).toBe(true);
    await file.release();
    await store().delete(id);
    await store().delete(id);
    expect(await store().get(id)).toBeUndefined();
    expect(await store().bytesKeptBy(OWNER)).toBe(0);
  });

  it("leaves nothing behind when the stream fails, so the same id can be written again", async () => {
    const id = crypto.randomUUID();
    const failing = Readable.from(
      (async function* () {
        yield bytes(2 * 1024 * 1024);
        throw new Error("connection lost");
      })(),
    );
    await expect(store().write(id, failing)).rejects.toThrow("connection lost");
    expect(await store().write(id, Readable.from([bytes(3)]))).toBe(3);
  });

  it("lists uploads made before a time oldest first, and sums what each owner keeps", async () => {
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const id of [a, b, c]) await store().write(id, Readable.from([bytes(5)]));
    await store().save(upload(b, 5, new Date(2000)));
    await store().save(upload(a, 5, new Date(1000)));
    await store().save(upload(c, 5, new Date(9000), "owner-b"));
    expect((await store().createdBefore(new Date(5000))).map((u) => u.id)).toEqual([a, b]);
    expect([await store().bytesKeptBy(OWNER), await store().bytesKeptBy("owner-b"), await store().bytesKeptBy("nobody")]).toEqual([
      10, 5, 0,
    ]);
  });

  it("removes bytes never saved, and keeps those saved", async () => {
    const [saved, unsaved] = [crypto.randomUUID(), crypto.randomUUID()];
    await store().write(saved, Readable.from([bytes(4)]));
    await store().save(upload(saved, 4));
    await store().write(unsaved, Readable.from([bytes(4)]));
    expect(await store().deleteUnsavedBefore(new Date(Date.now() - 3_600_000))).toBe(0);
    expect(await store().deleteUnsavedBefore(new Date(Date.now() + 3_600_000))).toBe(1);
    expect((await readFile((await store().openFile(saved)).path)).length).toBe(4);
    expect(await store().write(unsaved, Readable.from([bytes(1)]))).toBe(1);
  });
});
