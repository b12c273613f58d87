import type { LocalText, Task, TaskStatus, TaskType } from "@tasklane/contract";

/** A task as stored: the public Task plus what only the server sees. */
export interface StoredTask {
  task: Task;
  /** The caller that submitted it; other callers never see it. */
  owner: string;
  /** The validated input, kept so that the task can run anywhere. */
  input: unknown;
  /** The caller's key for this submit, unique per owner; null when none was given. */
  idempotencyKey: string | null;
}

export interface TaskListQuery {
  owner: string;
  type?: TaskType | undefined;
  status?: TaskStatus | undefined;
  /** Imports of this supplier only (Task.subject.supplier). */
  supplier?: string | undefined;
  limit: number;
  /** Opaque, from the `nextCursor` of the page before. */
  cursor?: string | undefined;
}

export interface TaskPage {
  items: Task[];
  nextCursor: string | null;
}

/**
 * Where tasks are kept: memory, SQLite or PostgreSQL (sql-task-store.ts). Every method is
 * asynchronous so that a store over the network fits the same interface as the embedded ones.
 * test/store-conformance.test.ts holds the behaviour every store must show.
 */
export interface TaskStore {
  insert(stored: StoredTask): Promise<void>;
  /** Replaces the task's changing fields: status, progress, message, result, error and times. */
  update(task: Task): Promise<void>;
  get(id: string): Promise<StoredTask | undefined>;
  /**
   * Inserts the task unless the owner's idempotency key or the same active work (`dedupKey`,
   * tasks/tasks.ts) is already there: then answers with that task.
   */
  insertOrFind(stored: StoredTask, dedupKey: string): Promise<{ task: Task; deduplicated: boolean }>;
  /** The owner's task with this idempotency key, else its active task doing the same work. */
  findEarlier(owner: string, idempotencyKey: string | null, dedupKey: string): Promise<Task | undefined>;
  /** Newest first. A cursor this store did not make throws InvalidCursorError (pricing's cursor.ts). */
  list(query: TaskListQuery): Promise<TaskPage>;
  /**
   * Ends every task still `queued` or `running` as `error` with this text: at start, such a task
   * belongs to a process that died. Returns how many there were.
   */
  failUnfinished(error: LocalText, at: Date): Promise<number>;
  /** Removes tasks that ended before `cutoff`; returns how many. */
  deleteFinishedBefore(cutoff: Date): Promise<number>;
  close(): Promise<void>;
}

/** The fields of a task's last write. */
export type FinalFields = Pick<Task, "progress" | "message" | "messageText" | "result" | "error" | "errorText"> & {
  status: "completed" | "error" | "cancelled";
  doneAt: Date;
};

/** What a worker needs to run a task it claimed. */
export interface Claimed {
  type: TaskType;
  input: unknown;
  attempts: number;
  cancelRequested: boolean;
}

/**
 * A store that several processes share (API nodes and workers): no process holds the truth in
 * memory, so deduplication, claims, cancels and final writes are each one conditional write
 * that the store decides. Two nodes racing (a cancel against a claim, a dead worker's run
 * against its re-run) cannot both win.
 */
export interface SharedTaskStore extends TaskStore {
  get(id: string): Promise<(StoredTask & { cancelRequested: boolean }) | undefined>;
  /** How many tasks the owner has queued, and active (queued or running). */
  activeOf(owner: string): Promise<{ queued: number; active: number }>;
  /** Takes a submit back whose job never reached the queue. */
  delete(id: string): Promise<void>;
  /**
   * A worker takes the task: queued, or running when its last worker died (a re-run). Undefined
   * when it ended meanwhile (cancelled while queued, or gone).
   */
  claim(id: string, runToken: string, at: Date): Promise<Claimed | undefined>;
  /** The final write of a run; false when another run took the task over or it ended already. */
  finish(id: string, runToken: string, fields: FinalFields): Promise<boolean>;
  /** Ends a task that no worker holds: cancelled while queued, or interrupted. */
  end(id: string, from: "queued" | "unfinished", fields: FinalFields): Promise<Task | undefined>;
  /** Marks a running task for cancelling; its worker sees the mark even if the queue's message is lost. */
  requestCancel(id: string): Promise<Task | undefined>;
  /** Which of these running tasks a caller asked to cancel. */
  cancelRequested(ids: string[]): Promise<string[]>;
  /** Unfinished tasks created before `cutoff` (at most 1,000, oldest first), for the sweep that finds tasks no worker holds. */
  unfinishedBefore(cutoff: Date): Promise<{ id: string; type: TaskType; status: "queued" | "running" }[]>;
  /** The uploads that unfinished tasks will read: retention keeps them. */
  uploadsInUse(): Promise<Set<string>>;
}
