import { POLL_INTERVAL_MS, type Task, isFinalStatus, taskErrorIn } from "@tasklane/contract";
import { queryOptions, useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useEffectEvent, useRef, useState } from "react";
import { toast } from "sonner";
import { currentLanguage, i18n } from "./i18n/index.ts";
import { keys, reads } from "./queries.ts";
import { importWarning, resultSummary, taskTitle } from "./task-summary.ts";

function announce(task: Task) {
  const title = taskTitle(task.type);
  switch (task.status) {
    case "completed": {
      const warning = importWarning(task);
      // A warning stays until read, like an error: it asks the person to look at the file.
      const completed = i18n.t("toast.completed", { title });
      if (warning) toast.warning(completed, { description: `${resultSummary(task)}. ${warning}`, duration: Number.POSITIVE_INFINITY });
      else toast.success(completed, { description: resultSummary(task) });
      return;
    }
    case "error":
      // An error stays until read: its text is what the person needs to act on.
      toast.error(i18n.t("toast.failed", { title }), {
        description: taskErrorIn(task, currentLanguage()) ?? i18n.t("toast.noReason"),
        duration: Number.POSITIVE_INFINITY,
      });
      return;
    case "cancelled":
      toast(i18n.t("toast.cancelled", { title }), { description: taskErrorIn(task, currentLanguage()) ?? undefined });
      return;
    case "queued":
    case "running":
      return;
    default: {
      const unknownStatus: never = task.status;
      throw new Error(`Unknown task status ${String(unknownStatus)}`);
    }
  }
}

/**
 * Follows the tasks this page submitted and toasts each one's end once. They are read from the
 * recent-tasks list the page polls anyway; only a watched task that has fallen off that page
 * (many submits at once) is asked for on its own, so the usual case costs no extra request.
 * Returns `watch(taskId)`; `onEnded` runs once per watched task that ends.
 */
export function useTaskEndings(listed: readonly Task[] | undefined, onEnded: (task: Task) => void) {
  const queryClient = useQueryClient();
  const [watched, setWatched] = useState<ReadonlySet<string>>(() => new Set());
  const announced = useRef(new Set<string>());

  const listedIds = new Set(listed?.map((t) => t.id));
  const offList = listed ? [...watched].filter((id) => !listedIds.has(id)) : [];
  const alone = useQueries({
    queries: offList.map((id) =>
      queryOptions({
        ...reads.task(id),
        refetchInterval: (q) => (q.state.data && isFinalStatus(q.state.data.status) ? false : POLL_INTERVAL_MS),
      }),
    ),
  });
  const seen = [...(listed ?? []), ...alone.flatMap((q) => (q.data ? [q.data] : []))];
  const ended = seen.filter((t) => watched.has(t.id) && isFinalStatus(t.status));
  const endedKey = ended.map((t) => t.id).join();

  // Reads this render's tasks and callback without making them the effect's dependencies: the ids of the ended tasks say when to run.
  const announceEnded = useEffectEvent(() => {
    const fresh = ended.filter((t) => !announced.current.has(t.id));
    if (fresh.length === 0) return;
    for (const task of fresh) {
      announced.current.add(task.id);
      announce(task);
      onEnded(task);
    }
    // What a task wrote (prices, components, a pricelist) shows in the other panels. A
    // pricelist's rows are a snapshot that never changes: only the list of pricelists is read again.
    void queryClient.invalidateQueries({ queryKey: keys.pricelistLists });
    void queryClient.invalidateQueries({ queryKey: keys.components });
    void queryClient.invalidateQueries({ queryKey: keys.suppliers });
    setWatched((current) => new Set([...current].filter((id) => !announced.current.has(id))));
  });

  useEffect(() => {
    if (endedKey) announceEnded();
  }, [endedKey]);

  return useCallback((taskId: string) => setWatched((current) => new Set(current).add(taskId)), []);
}
