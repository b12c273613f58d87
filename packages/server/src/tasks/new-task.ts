import type { Task, TaskSubject, TaskType } from "@tasklane/contract";
import { TASK_LINES } from "./task-texts.ts";

/** A task as a submit creates it, on either backend: queued, with the line a person reads while it waits. */
export function newTask<T extends TaskType>(type: T, id: string, createdAt: Date, subject: TaskSubject<T>): Task<T> {
  return {
    id,
    type,
    subject,
    status: "queued",
    progress: 0,
    ...TASK_LINES.queued,
    result: null,
    error: null,
    errorText: null,
    createdAt,
    startedAt: null,
    doneAt: null,
  } as Task<T>;
}
