import { type CompletedTask, type Task, taskErrorIn, taskMessageIn } from "@tasklane/client";
import { language, t } from "../i18n/i18n.ts";
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
  const subject = subjectOf(task);
  if (subject) rows.push([t("task.subject"), subject]);
  if (task.message) rows.push([t("task.message"), taskMessageIn(task, language())]);
  rows.push([t("task.created"), formatDate(task.createdAt)]);
  if (task.startedAt) rows.push([t("task.started"), formatDate(task.startedAt)]);
  if (task.doneAt) rows.push([t("task.done"), formatDate(task.doneAt)]);
  if (task.status === "completed" && task.result) {
    const [first = "", ...rest] = summarize(task as CompletedTask);
    rows.push([t("task.result"), first], ...rest.map((line): [string, string] => ["", line]));
  }
  if (task.error) rows.push([t("task.error"), taskErrorIn(task, language())!]);
  return table(rows);
}

/** `tasklane list`: newest first, as the service answers; full ids, to paste into get/watch/cancel. */
export function tasksTable(tasks: readonly Task[]): string[] {
  const h = t("task.listHeader", { returnObjects: true });
  const header = [h.id, h.type, h.status, h.progress, h.created, h.subject];
  return table([
    header,
    ...tasks.map((task) => [task.id, task.type, task.status, `${task.progress}%`, formatDate(task.createdAt), subjectOf(task) ?? ""]),
  ]);
}

/** What a task works on, in a line: an import's supplier, kind and file; a pricelist's source; nothing for a recalculation. */
function subjectOf(task: Task): string | null {
  if (task.type === "stockImport")
    return `${task.subject.supplier} (${task.subject.kind}), ${task.subject.fileName ?? t("task.noFileName")}`;
  if (task.type === "pricelistCreate") return task.subject.source;
  return null;
}
