import type { Task } from "@tasklane/contract";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { taskTitle } from "../task-summary.ts";
import { StatusPill, TaskProgress } from "./task-progress.tsx";

interface SubmittedTaskProps {
  /** The task the form submitted last, or undefined before its first submit. */
  taskId: string | undefined;
  /** The recent-tasks list the page polls; the task is read from it, at no extra request. */
  tasks: readonly Task[] | undefined;
}

/**
 * The task a form just submitted, with its bar, right under the form's button: a person sees
 * the submit take effect where they clicked, on a phone too, without looking for the task list.
 */
export function SubmittedTask({ taskId, tasks }: SubmittedTaskProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const task = taskId ? tasks?.find((candidate) => candidate.id === taskId) : undefined;
  const shown = task !== undefined;

  // The form above may have shrunk (the preview goes with the file), leaving the card off-screen.
  useEffect(() => {
    if (taskId) ref.current?.scrollIntoView({ block: "nearest" });
  }, [taskId, shown]);

  if (!taskId) return null;
  return (
    <div ref={ref} className="submitted-task" role="group" aria-label={t("tasks.justSubmitted")} data-task-id={taskId}>
      {task ? (
        <div data-status={task.status}>
          <div className="submitted-head">
            <strong>{taskTitle(task.type)}</strong>
            <StatusPill task={task} />
          </div>
          <TaskProgress task={task} />
        </div>
      ) : (
        <p className="task-line" role="status">
          {t("tasks.waitingForList")}
        </p>
      )}
      <a className="submitted-all" href="#tasks">
        {t("tasks.seeAll")}
      </a>
    </div>
  );
}
