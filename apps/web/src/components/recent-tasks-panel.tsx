import { POLL_INTERVAL_MS, type Task, isFinalStatus } from "@tasklane/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { errorText } from "../errors.ts";
import { formatDuration, formatTime } from "../format.ts";
import { STATUS_LABELS, importWarning, resultSummary, taskTitle } from "../task-summary.ts";
import { useTRPC } from "../trpc.ts";
import { FormError } from "./form-error.tsx";
import { Panel } from "./panel.tsx";

interface RecentTasksProps {
  tasks: readonly Task[] | undefined;
  error: unknown;
  /** True while the list is being polled because a task is active. */
  live: boolean;
  onShowMore: (() => void) | null;
}

/** The line under the bar: what the task is doing, what it did, or why it stopped. */
function taskLine(task: Task): string {
  if (task.status === "completed") return resultSummary(task);
  if (task.error) return task.error;
  if (task.status === "queued") return task.message || "Waiting for a free worker";
  return task.message;
}

function Times({ task }: { task: Task }) {
  return (
    <div className="times">
      <span>
        Submitted <time dateTime={task.createdAt.toISOString()}>{formatTime(task.createdAt)}</time>
      </span>
      {task.startedAt && task.doneAt ? (
        <span>Took {formatDuration(task.doneAt.getTime() - task.startedAt.getTime())}</span>
      ) : task.startedAt ? (
        <span>
          Started <time dateTime={task.startedAt.toISOString()}>{formatTime(task.startedAt)}</time>
        </span>
      ) : task.doneAt ? (
        <span>
          Ended <time dateTime={task.doneAt.toISOString()}>{formatTime(task.doneAt)}</time>
        </span>
      ) : null}
    </div>
  );
}

function TaskRow({ task, onCancel, cancelling }: { task: Task; onCancel: () => void; cancelling: boolean }) {
  const title = taskTitle(task.type);
  const status = STATUS_LABELS[task.status];
  const warning = importWarning(task);
  return (
    <tr data-status={task.status}>
      <th scope="row">
        {title}
      </th>
      <td className="status-cell">
        <span className={`status status-${task.status}`}>
          <span className="status-mark" aria-hidden="true">
            {status.mark}
          </span>
          {status.text}
        </span>
      </td>
      <td className="progress-cell">
        <div className="bar">
          <progress max={100} value={task.progress} aria-label={`${title}: progress`} />
          <span className="percent">{task.progress}%</span>
        </div>
        <p className="task-line">{taskLine(task)}</p>
        {warning ? (
          <p className="task-warning">
            <span aria-hidden="true">⚠ </span>
            <strong>Warning:</strong> {warning}
          </p>
        ) : null}
      </td>
      <td>
        <Times task={task} />
      </td>
      <td className="actions-cell">
        {isFinalStatus(task.status) ? null : (
          <button type="button" className="quiet" onClick={onCancel} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel"}
            <span className="visually-hidden">
              {" "}
              {title}, submitted {formatTime(task.createdAt)}
            </span>
          </button>
        )}
      </td>
    </tr>
  );
}

export function RecentTasksPanel({ tasks, error, live, onShowMore }: RecentTasksProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.tasks.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.tasks.list.pathFilter()),
      onError: (e) => toast.error("Could not cancel the task", { description: errorText(e) }),
    }),
  );
  const liveNote = (
    <span className={`live-note ${live ? "is-live" : ""}`}>{live ? `Updating every ${POLL_INTERVAL_MS / 1000} s` : "Up to date"}</span>
  );

  return (
    <Panel id="recent-tasks" title="Recent tasks" aside={tasks?.length ? liveNote : null}>
      {tasks === undefined ? (
        error ? <FormError error={error} /> : <p className="empty">Loading…</p>
      ) : tasks.length === 0 ? (
        <p className="empty">No tasks yet. Start one above; it shows here with its progress.</p>
      ) : (
        <>
          <table className="table tasks-table">
            <caption className="visually-hidden">Recent tasks, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Times</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
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
                Show older tasks
              </button>
            </div>
          ) : null}
        </>
      )}
    </Panel>
  );
}
