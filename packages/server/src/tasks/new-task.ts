import type { Task, TaskType } from "@tasklane/contract";

/** A task as a submit creates it: queued, with the line a person reads while it waits. */
export function newTask<T extends TaskType>(type: T, id: string, createdAt: Date, message: string): Task<T> {
  return { id, type, status: "queued", progress: 0, message, result: null, error: null, createdAt, startedAt: null, doneAt: null } as Task<T>;
}
