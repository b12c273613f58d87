import { type Task, isFinalStatus } from "@tasklane/contract";
import { useTranslation } from "react-i18next";
import { TaskSubject } from "./task-subject.tsx";
import { formatDuration, formatTime } from "../format.ts";
import { taskTitle } from "../task-summary.ts";
import { StatusPill, TaskProgress } from "./task-progress.tsx";

function Times({ task }: { task: Task }) {
  const { t } = useTranslation();
  const at = (date: Date) => <time dateTime={date.toISOString()}>{formatTime(date)}</time>;
  return (
    <div className="times">
      <span>
        {t("tasks.submitted")} {at(task.createdAt)}
      </span>
      {task.startedAt && task.doneAt ? (
        <span>{t("tasks.took", { duration: formatDuration(task.doneAt.getTime() - task.startedAt.getTime()) })}</span>
      ) : task.startedAt ? (
        <span>
          {t("tasks.started")} {at(task.startedAt)}
        </span>
      ) : task.doneAt ? (
        <span>
          {t("tasks.ended")} {at(task.doneAt)}
        </span>
      ) : null}
    </div>
  );
}

interface TaskRowProps {
  task: Task;
  onCancel: () => void;
  cancelling: boolean;
  onDetails: () => void;
}

/** One task in the history: its bar and line, its times, Details, and Cancel while it can be. */
export function TaskRow({ task, onCancel, cancelling, onDetails }: TaskRowProps) {
  const { t } = useTranslation();
  const title = taskTitle(task.type);
  // Several rows have the same buttons: the hidden words say which task each one is for.
  const which = <span className="visually-hidden"> {t("tasks.cancelWhich", { title, time: formatTime(task.createdAt) })}</span>;
  return (
    <tr data-status={task.status} data-task-id={task.id}>
      <th scope="row">
        {title}
        <TaskSubject task={task} />
      </th>
      <td className="status-cell">
        <StatusPill task={task} />
      </td>
      <td className="progress-cell">
        <TaskProgress task={task} />
      </td>
      <td>
        <Times task={task} />
      </td>
      <td className="actions-cell">
        <button type="button" className="quiet" onClick={onDetails} aria-haspopup="dialog">
          {t("tasks.details")}
          {which}
        </button>
        {isFinalStatus(task.status) ? null : (
          <button type="button" className="quiet" onClick={onCancel} disabled={cancelling}>
            {cancelling ? t("tasks.cancelling") : t("tasks.cancel")}
            {which}
          </button>
        )}
      </td>
    </tr>
  );
}
