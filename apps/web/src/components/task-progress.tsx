import type { Task } from "@tasklane/contract";
import { useTranslation } from "react-i18next";
import { TaskWarning } from "./task-warning.tsx";
import { resultSummary, statusLabel, taskTitle } from "../task-summary.ts";

/** The line under the bar: what the task is doing, what it did, or why it stopped (server texts as sent). */
function taskLine(task: Task, waiting: string): string {
  if (task.status === "completed") return resultSummary(task);
  if (task.error) return task.error;
  if (task.status === "queued") return task.message || waiting;
  return task.message;
}

/** Status as words and a mark, so it never rests on colour alone. */
export function StatusPill({ task }: { task: Task }) {
  const status = statusLabel(task.status);
  return (
    <span className={`status status-${task.status}`}>
      <span className="status-mark" aria-hidden="true">
        {status.mark}
      </span>
      {status.text}
    </span>
  );
}

/** A task's bar, its line and any warning: the same in the task list and under a form. */
export function TaskProgress({ task }: { task: Task }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="bar">
        <progress max={100} value={task.progress} aria-label={t("tasks.progress", { title: taskTitle(task.type) })} />
        <span className="percent">{task.progress}%</span>
      </div>
      <p className="task-line">{taskLine(task, t("tasks.waiting"))}</p>
      <TaskWarning task={task} />
    </>
  );
}
