import type { CompletedTask, Task } from "@tasklane/client";
import { t } from "../i18n/i18n.ts";
import { formatDate, table } from "./format.ts";
import { summarize } from "./summary.ts";

/** `tasklane get`: one aligned line per field that applies to the task's status. */
export function describeTask(task: Task): string[] {
  const rows: [string, string][] = [
    [t("task.id"), task.id],
    [t("task.type"), task.type],
    [t("task.status"), task.status],
    [t("task.progress"), `${task.progress}%`],
  ];
  if (task.message) rows.push([t("task.message"), task.message]);
  rows.push([t("task.created"), formatDate(task.createdAt)]);
  if (task.startedAt) rows.push([t("task.started"), formatDate(task.startedAt)]);
  if (task.doneAt) rows.push([t("task.done"), formatDate(task.doneAt)]);
  if (task.status === "completed" && task.result) {
    const [first = "", ...rest] = summarize(task as CompletedTask);
    rows.push([t("task.result"), first], ...rest.map((line): [string, string] => ["", line]));
  }
  if (task.error) rows.push([t("task.error"), task.error]);
  return table(rows);
}

/** `tasklane list`: newest first, as the service answers; full ids, to paste into get/watch/cancel. */
export function tasksTable(tasks: readonly Task[]): string[] {
  const h = t("task.listHeader", { returnObjects: true });
  const header = [h.id, h.type, h.status, h.progress, h.created];
  return table([header, ...tasks.map((t) => [t.id, t.type, t.status, `${t.progress}%`, formatDate(t.createdAt)])]);
}
