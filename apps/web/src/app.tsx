import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, POLL_INTERVAL_MS, type Task, isFinalStatus } from "@tasklane/contract";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { Toaster } from "sonner";
import { AccessTokenPanel } from "./components/access-token-panel.tsx";
import { ComponentsSearch } from "./components/components-search.tsx";
import { PricelistCreatePanel } from "./components/pricelist-create-panel.tsx";
import { PricelistView } from "./components/pricelist-view.tsx";
import { RecalculatePanel } from "./components/recalculate-panel.tsx";
import { RecentTasksPanel } from "./components/recent-tasks-panel.tsx";
import { StockImportPanel } from "./components/stock-import-panel.tsx";
import { SuppliersPanel } from "./components/suppliers-panel.tsx";
import { useTRPC } from "./trpc.ts";
import { useSubmitted } from "./use-submitted.ts";
import { useTaskEndings } from "./use-task-endings.ts";

const anyActive = (tasks: readonly Task[] | undefined) => tasks?.some((t) => !isFinalStatus(t.status)) ?? false;

export function App() {
  const trpc = useTRPC();
  const [limit, setLimit] = useState(LIST_LIMIT_DEFAULT);
  const [pricelistId, setPricelistId] = useState<string | null>(null);

  // Polls at the contract's interval while a task is queued or running, and not at all when
  // every task has ended: an idle page sends nothing (DESIGN.md: polling, no streams).
  const recent = useQuery(
    trpc.tasks.list.queryOptions({ limit }, { refetchInterval: (query) => (anyActive(query.state.data?.items) ? POLL_INTERVAL_MS : false) }),
  );
  const tasks = recent.data?.items;

  const onEnded = useCallback((task: Task) => {
    // A pricelist this page asked for is what the person wants to see next.
    if (task.type === "pricelistCreate" && task.result) setPricelistId(task.result.pricelistId);
  }, []);
  const watch = useTaskEndings(tasks, onEnded);
  const onSubmitted = useSubmitted(watch);

  const canShowMore = recent.data?.nextCursor != null && limit < LIST_LIMIT_MAX;
  return (
    <>
      <header className="masthead">
        <div className="masthead-inner">
          <h1>tasklane</h1>
          <p>Prices, stock imports and pricelists, run in the background.</p>
        </div>
      </header>
      <main className="page">
        <AccessTokenPanel />
        {/* In the order of the work: import, then recalculate, then a pricelist. */}
        <div className="actions">
          <StockImportPanel onSubmitted={onSubmitted} />
          <div className="actions-stack">
            <RecalculatePanel onSubmitted={onSubmitted} />
            <PricelistCreatePanel onSubmitted={onSubmitted} />
          </div>
        </div>
        <RecentTasksPanel
          tasks={tasks}
          error={recent.error}
          live={anyActive(tasks)}
          onShowMore={canShowMore ? () => setLimit((n) => Math.min(n + LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX)) : null}
        />
        <SuppliersPanel />
        <PricelistView selectedId={pricelistId} onSelect={setPricelistId} />
        <ComponentsSearch />
      </main>
      <Toaster position="bottom-right" closeButton duration={6000} toastOptions={{ className: "toast" }} />
    </>
  );
}
