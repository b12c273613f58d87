import type { Submitted, TaskType } from "@tasklane/contract";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { i18n } from "./i18n/index.ts";
import { taskTitle } from "./task-summary.ts";
import { keys } from "./queries.ts";

/** What each submit form calls with the server's answer. */
export type OnSubmitted = (type: TaskType, answer: Submitted) => Promise<void>;

/**
 * After a submit: the recent-tasks list is read again at once (so the new task shows and the
 * list starts polling because a task is active), then the task is watched for its end.
 * `latest` holds the task each form submitted last, which the form shows under its button.
 */
export function useSubmitted(watch: (taskId: string) => void) {
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState<Partial<Record<TaskType, string>>>({});
  const onSubmitted: OnSubmitted = useCallback(
    async (type, { taskId, deduplicated }) => {
      setLatest((current) => ({ ...current, [type]: taskId }));
      if (deduplicated) {
        toast.info(i18n.t("toast.underWay", { title: taskTitle(type) }), { description: i18n.t("toast.underWayHint") });
      }
      await queryClient.invalidateQueries({ queryKey: keys.taskLists });
      watch(taskId);
    },
    [queryClient, watch],
  );
  return { onSubmitted, latest };
}
