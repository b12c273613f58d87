import { POLL_INTERVAL_MS, type Task, isFinalStatus } from "@tasklane/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { errorText } from "../errors.ts";
import { formatDuration, formatTime } from "../format.ts";
import { taskTitle } from "../task-summary.ts";
import { useTRPC } from "../trpc.ts";
import { FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";
import { StatusPill, TaskProgress } from "./task-progress.tsx";

interface RecentTasksProps {
  tasks: readonly Task[] | undefined;
  error: unknown;
  /** True while the list is being polled because a task is active. */
  live: boolean;
  onShowMore: (() => void) | null;
}

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

function TaskRow({ task, onCancel, cancelling }: { task: Task; onCancel: () => void; cancelling: boolean }) {
  const { t } = useTranslation();
  const title = taskTitle(task.type);
  return (
    <tr data-status={task.status}>
      <th scope="row">{title}</th>
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
        {isFinalStatus(task.status) ? null : (
          <button type="button" className="quiet" onClick={onCancel} disabled={cancelling}>
            {cancelling ? t("tasks.cancelling") : t("tasks.cancel")}
            <span className="visually-hidden"> {t("tasks.cancelWhich", { title, time: formatTime(task.createdAt) })}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

export function RecentTasksPanel({ tasks, error, live, onShowMore }: RecentTasksProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.tasks.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.tasks.list.pathFilter()),
      onError: (e) => toast.error(t("tasks.cancelFailed"), { description: errorText(e) }),
    }),
  );
  const liveNote = (
    <span className={`live-note ${live ? "is-live" : ""}`}>{live ? t("tasks.live", { seconds: POLL_INTERVAL_MS / 1000 }) : t("tasks.upToDate")}</span>
  );

  return (
    <Panel id="recent-tasks" title={t("tasks.title")} aside={tasks?.length ? liveNote : null}>
      {tasks === undefined ? (
        error ? <FormError error={error} /> : <p className="empty">{t("common.loading")}</p>
      ) : tasks.length === 0 ? (
        <p className="empty">{t("tasks.empty")}</p>
      ) : (
        <>
          <table className="table tasks-table">
            <caption className="visually-hidden">{t("tasks.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tasks.task")}</th>
                <th scope="col">{t("tasks.statusColumn")}</th>
                <th scope="col">{t("tasks.progressColumn")}</th>
                <th scope="col">{t("tasks.times")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  onCancel={() => cancel.mutate({ id: task.id })}
                  cancelling={cancel.isPending && cancel.variables?.id === task.id}
                />
              ))}
            </tbody>
          </table>
          {error ? <FormError error={error} /> : null}
          {onShowMore ? (
            <div className="form-actions">
              <button type="button" className="quiet" onClick={onShowMore}>
                {t("tasks.showOlder")}
              </button>
            </div>
          ) : null}
        </>
      )}
    </Panel>
  );
}
