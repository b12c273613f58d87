import type { Task, TaskSubject, TaskType } from "@tasklane/contract";

/** A task as a submit creates it: queued, with the line a person reads while it waits. */
export function newTask<T extends TaskType>(type: T, id: string, createdAt: Date, message: string, subject: TaskSubject<T>): Task<T> {
  return { id, type, subject, status: "queued", progress: 0, message, result: null, error: null, createdAt, startedAt: null, doneAt: null } as Task<T>;
}
