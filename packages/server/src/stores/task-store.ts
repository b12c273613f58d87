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
 * Where tasks are kept. Every method is asynchronous so that a store over the network
 * (Redis, PostgreSQL) fits the same interface as the embedded ones.
 */
export interface TaskStore {
  insert(stored: StoredTask): Promise<void>;
  /** Replaces the task's changing fields: status, progress, message, result, error and times. */
  update(task: Task): Promise<void>;
  get(id: string): Promise<StoredTask | undefined>;
  /** The task this owner submitted with this idempotency key, if it is still kept. */
  findByIdempotencyKey(owner: string, key: string): Promise<Task | undefined>;
  /** Newest first. A cursor this store did not make throws InvalidCursorError (task-cursor.ts). */
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
