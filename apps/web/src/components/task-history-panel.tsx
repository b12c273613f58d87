import { LIST_LIMIT_DEFAULT, POLL_INTERVAL_MS, type Task } from "@tasklane/contract";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { tasklane } from "../client.ts";
import { errorText } from "../errors.ts";
import { keys, reads } from "../queries.ts";
import { anyActive } from "../task-activity.ts";
import { useCursorPages } from "../use-cursor-pages.ts";
import { FormError } from "./form-error.tsx";
import { Pager } from "./pager.tsx";
import { Panel } from "./panel.tsx";
import { TaskDetailsDialog } from "./task-details-dialog.tsx";
import { type TaskFilter, TaskFilters } from "./task-filters.tsx";
import { TaskRow } from "./task-row.tsx";

/** The app's own list of the newest tasks has this size too, so the unfiltered first page is that same query. */
const PER_PAGE = LIST_LIMIT_DEFAULT;

interface TaskHistoryProps {
  /** Some task among the newest is queued or running (the page polls those anyway). */
  live: boolean;
}

/** Every task, newest first, a page at a time, by type and status; a task's details open over it. */
export function TaskHistoryPanel({ live }: TaskHistoryProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<TaskFilter>({});
  const pages = useCursorPages();
  const [opened, setOpened] = useState<Task | null>(null);

  // A page showing a queued or running task is read again at the contract's interval, and so is
  // the first page while any task is active, since a new or changed task lands there (under a
  // filter it may not be listed yet). An idle history sends nothing (DESIGN.md: polling).
  const firstPage = pages.cursor === undefined;
  const list = useQuery({
    ...reads.tasks({ ...filter, limit: PER_PAGE, cursor: pages.cursor }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (anyActive(query.state.data?.items) || (firstPage && live) ? POLL_INTERVAL_MS : false),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => tasklane().cancelTask(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.taskLists }),
    onError: (e) => toast.error(t("tasks.cancelFailed"), { description: errorText(e) }),
  });

  const tasks = list.data?.items;
  const polled = anyActive(tasks) || (firstPage && live);
  const filtered = filter.type !== undefined || filter.status !== undefined || filter.supplier !== undefined;
  // The dialog follows the task as the list is read again, so a running task's details stay current.
  const openedNow = opened && (tasks?.find((task) => task.id === opened.id) ?? opened);
  const liveNote = (
    <span className={`live-note ${polled ? "is-live" : ""}`}>
      {polled ? t("tasks.live", { seconds: POLL_INTERVAL_MS / 1000 }) : t("tasks.upToDate")}
    </span>
  );

  return (
    <Panel id="recent-tasks" title={t("tasks.title")} aside={tasks?.length ? liveNote : null}>
      <TaskFilters
        value={filter}
        onChange={(next) => {
          setFilter(next);
          pages.first();
        }}
      />
      {tasks === undefined ? (
        list.error ? (
          <FormError error={list.error} />
        ) : (
          <p className="empty">{t("common.loading")}</p>
        )
      ) : tasks.length === 0 && pages.page === 1 ? (
        <p className="empty">{filtered ? t("tasks.noMatch") : t("tasks.empty")}</p>
      ) : (
        <div aria-busy={list.isPlaceholderData}>
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
                  onCancel={() => cancel.mutate(task.id)}
                  cancelling={cancel.isPending && cancel.variables === task.id}
                  onDetails={() => setOpened(task)}
                />
              ))}
            </tbody>
          </table>
          {list.error ? <FormError error={list.error} /> : null}
          <Pager
            label={t("tasks.pages")}
            status={t("tasks.page", { page: pages.page })}
            hasPrevious={pages.page > 1}
            hasNext={list.data?.nextCursor != null && !list.isPlaceholderData}
            onPrevious={pages.previous}
            onNext={() => list.data?.nextCursor && pages.next(list.data.nextCursor)}
          />
        </div>
      )}
      {openedNow ? <TaskDetailsDialog task={openedNow} onClose={() => setOpened(null)} /> : null}
    </Panel>
  );
}
