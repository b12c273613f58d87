import type { Task, TaskType } from "@tasklane/contract";
import type { TaskListQuery, TaskPage } from "../stores/task-store.ts";

export interface SubmitOutcome<T extends TaskType> {
  task: Task<T>;
  /** The task was already there: same work still active, or the same idempotency key. */
  deduplicated: boolean;
}

/**
 * What the API asks of the task backend: the embedded TaskManager (tasks run in this process)
 * and the distributed backend (tasks run on workers through Redis) both answer it, so the
 * router, the fast path and the REST route change nothing between the two.
 */
export interface Tasks {
  /** False once the node stops taking submits. */
  readonly accepting: boolean;
  submit<T extends TaskType>(type: T, request: unknown, owner: string): Promise<SubmitOutcome<T>>;
  /** The task, or undefined when there is none with this id for this owner. */
  get(id: string, owner: string): Promise<Task | undefined>;
  list(query: TaskListQuery): Promise<TaskPage>;
  /** Cancels a queued or running task; a finished one comes back unchanged. */
  cancel(id: string, owner: string): Promise<Task | undefined>;
  /** Upload ids that queued or running tasks still need (retention keeps them). */
  uploadsInUse(): Promise<Set<string>>;
  /** Counts for /health. */
  stats(): { queued: number; running: number };
  close(options?: { graceMs?: number }): Promise<void>;
}

/** The upload a task input names, if any. */
export const uploadIdOf = (input: unknown): string[] =>
  typeof input === "object" && input !== null && "uploadId" in input ? [String(input.uploadId)] : [];
