import type { Task, TaskType } from "@tasklane/contract";
import type { TaskListQuery, TaskPage } from "../stores/task-store.ts";
import { IdempotencyKeyConflictError } from "./errors.ts";

/** What a submit knows beyond its input: the uploaded file's name, which the input names only by id. */
export interface SubmitDetails {
  fileName?: string | undefined;
}

export interface TaskCounts {
  queued: number;
  running: number;
}

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
  /** `details`: what the router learnt checking the submit (an import's file name), for Task.subject. */
  submit<T extends TaskType>(type: T, request: unknown, owner: string, details?: SubmitDetails): Promise<SubmitOutcome<T>>;
  /** The task, or undefined when there is none with this id for this owner. */
  get(id: string, owner: string): Promise<Task | undefined>;
  list(query: TaskListQuery): Promise<TaskPage>;
  /** Cancels a queued or running task; a finished one comes back unchanged. */
  cancel(id: string, owner: string): Promise<Task | undefined>;
  /** Upload ids that queued or running tasks still need (retention keeps them). */
  uploadsInUse(): Promise<Set<string>>;
  /** For /health: tasks waiting for a slot or a worker, and tasks running, on this deployment. */
  stats(): Promise<TaskCounts>;
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * The answer to a submit that repeats an earlier one (same work, or the same idempotency key).
 * The same work is always of the same type, so another type means the key was reused for
 * different work: that is refused rather than answered with a task of the wrong type.
 */
export function repeatOf<T extends TaskType>(earlier: Task, type: T, idempotencyKey: string | undefined): SubmitOutcome<T> {
  if (earlier.type !== type) throw new IdempotencyKeyConflictError(idempotencyKey ?? "", earlier.type);
  return { task: { ...earlier } as Task<T>, deduplicated: true };
}

/** The upload a task input names, if any. */
export const uploadIdOf = (input: unknown): string[] =>
  typeof input === "object" && input !== null && "uploadId" in input ? [String(input.uploadId)] : [];
