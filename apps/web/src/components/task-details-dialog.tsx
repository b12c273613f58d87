import { type Task, taskErrorIn, taskMessageIn } from "@tasklane/contract";
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { TaskSubject } from "./task-subject.tsx";
import { TaskWarning } from "./task-warning.tsx";
import { formatDateTime, formatDuration } from "../format.ts";
import { currentLanguage } from "../i18n/index.ts";
import { resultSummary, taskTitle } from "../task-summary.ts";
import { SkippedRowsTable } from "./skipped-rows-table.tsx";
import { StatusPill } from "./task-progress.tsx";

interface TaskDetailsProps {
  task: Task;
  onClose: () => void;
}

function Fact({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const at = (date: Date | null) => (date ? <time dateTime={date.toISOString()}>{formatDateTime(date)}</time> : "—");

/**
 * A task's details over the page. A modal <dialog> gives what a person expects of one without
 * code of ours: focus moves in and stays in, Escape closes it, focus returns to the button.
 */
export function TaskDetailsDialog({ task, onClose }: TaskDetailsProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // No close() on unmount: a removed dialog leaves the top layer by itself, and StrictMode's
    // second mount would otherwise see the first one's close event and shut at once.
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  return (
    <dialog ref={ref} className="task-details" aria-labelledby="task-details-title" onClose={onClose} data-task-id={task.id}>
      <div className="details-head">
        <h2 id="task-details-title">
          {taskTitle(task.type)}
          <TaskSubject task={task} />
        </h2>
        <button type="button" className="quiet" onClick={() => ref.current?.close()}>
          {t("details.close")}
        </button>
      </div>
      <dl className="facts">
        <Fact name={t("details.status")}>
          <StatusPill task={task} /> {task.status === "running" ? `${task.progress}%` : null}
        </Fact>
        <Fact name={t("tasks.submitted")}>{at(task.createdAt)}</Fact>
        <Fact name={t("tasks.started")}>{at(task.startedAt)}</Fact>
        <Fact name={t("tasks.ended")}>{at(task.doneAt)}</Fact>
        {task.startedAt && task.doneAt ? (
          <Fact name={t("details.duration")}>{formatDuration(task.doneAt.getTime() - task.startedAt.getTime())}</Fact>
        ) : null}
        <Fact name={t("details.id")}>
          <span className="mono">{task.id}</span>
        </Fact>
        {task.message ? <Fact name={t("details.message")}>{taskMessageIn(task, currentLanguage())}</Fact> : null}
        {task.error ? <Fact name={t("details.stopped")}>{taskErrorIn(task, currentLanguage())}</Fact> : null}
        {task.status === "completed" ? <Fact name={t("details.result")}>{resultSummary(task)}</Fact> : null}
      </dl>
      <TaskWarning task={task} />
      {task.type === "stockImport" && task.result ? <SkippedRowsTable taskId={task.id} result={task.result} /> : null}
    </dialog>
  );
}
