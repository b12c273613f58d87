import type { CompletedTask, Task } from "@tasklane/client";
import { formatDate, table } from "./format.ts";
import { summarize } from "./summary.ts";

/** `tasklane get`: one aligned line per field that applies to the task's status. */
export function describeTask(task: Task): string[] {
  const rows: [string, string][] = [
    ["id", task.id],
    ["type", task.type],
    ["status", task.status],
    ["progress", `${task.progress}%`],
  ];
  if (task.message) rows.push(["message", task.message]);
  rows.push(["created", formatDate(task.createdAt)]);
  if (task.startedAt) rows.push(["started", formatDate(task.startedAt)]);
  if (task.doneAt) rows.push(["done", formatDate(task.doneAt)]);
  if (task.status === "completed" && task.result) {
    const [first = "", ...rest] = summarize(task as CompletedTask);
    rows.push(["result", first], ...rest.map((line): [string, string] => ["", line]));
  }
  if (task.error) rows.push(["error", task.error]);
  return table(rows);
}

/** `tasklane list`: newest first, as the service answers; full ids, to paste into get/watch/cancel. */
export function tasksTable(tasks: readonly Task[]): string[] {
  const header = ["ID", "TYPE", "STATUS", "PROGRESS", "CREATED"];
  return table([header, ...tasks.map((t) => [t.id, t.type, t.status, `${t.progress}%`, formatDate(t.createdAt)])]);
}
