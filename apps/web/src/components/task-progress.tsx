import { type Task, taskErrorIn, taskMessageIn } from "@tasklane/contract";
import { useTranslation } from "react-i18next";
import { TaskWarning } from "./task-warning.tsx";
import { currentLanguage } from "../i18n/index.ts";
import { resultSummary, statusLabel, taskTitle } from "../task-summary.ts";

/** The line under the bar: what the task is doing, what it did, or why it stopped (server texts in the page's language). */
function taskLine(task: Task, waiting: string): string {
  if (task.status === "completed") return resultSummary(task);
  const language = currentLanguage();
  const error = taskErrorIn(task, language);
  if (error) return error;
  if (task.status === "queued") return taskMessageIn(task, language) || waiting;
  return taskMessageIn(task, language);
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
