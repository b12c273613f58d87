import type { Submitted, TaskType } from "@tasklane/contract";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { toast } from "sonner";
import { taskTitle } from "./task-summary.ts";
import { useTRPC } from "./trpc.ts";

/** What each submit form calls with the server's answer. */
export type OnSubmitted = (type: TaskType, answer: Submitted) => Promise<void>;

/**
 * After a submit: the recent-tasks list is read again at once (so the new task shows and the
 * list starts polling because a task is active), then the task is watched for its end.
 */
export function useSubmitted(watch: (taskId: string) => void): OnSubmitted {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    async (type, { taskId, deduplicated }) => {
      if (deduplicated) {
        toast.info(`${taskTitle(type)}: already under way`, {
          description: "The same work was queued or running, so this page follows that task.",
        });
      }
      await queryClient.invalidateQueries(trpc.tasks.list.pathFilter());
      watch(taskId);
    },
    [queryClient, trpc, watch],
  );
}
