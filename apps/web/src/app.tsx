import { LIST_LIMIT_DEFAULT, POLL_INTERVAL_MS, type Task } from "@tasklane/contract";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Toaster } from "sonner";
import { AccessTokenPanel } from "./components/access-token-panel.tsx";
import { ComponentsSearch } from "./components/components-search.tsx";
import { LanguageSwitch } from "./components/language-switch.tsx";
import { PricelistCreatePanel } from "./components/pricelist-create-panel.tsx";
import { PricelistView } from "./components/pricelist-view.tsx";
import { RecalculatePanel } from "./components/recalculate-panel.tsx";
import { SectionNav } from "./components/section-nav.tsx";
import { StockImportPanel } from "./components/stock-import-panel.tsx";
import { SubmittedTask } from "./components/submitted-task.tsx";
import { SuppliersPanel } from "./components/suppliers-panel.tsx";
import { TaskHistoryPanel } from "./components/task-history-panel.tsx";
import { reads } from "./queries.ts";
import { type Section, useSection } from "./sections.ts";
import { anyActive } from "./task-activity.ts";
import { useSubmitted } from "./use-submitted.ts";
import { useTaskEndings } from "./use-task-endings.ts";

export function App() {
  const { t } = useTranslation();
  const section = useSection();
  const [pricelistId, setPricelistId] = useState<string | null>(null);

  // The newest tasks, for the cards under the forms and the toasts at their ends. Polls at the
  // contract's interval while a task is queued or running, and not at all when every task has
  // ended: an idle page sends nothing (DESIGN.md: polling, no streams).
  const recent = useQuery({
    ...reads.tasks({ limit: LIST_LIMIT_DEFAULT }),
    refetchInterval: (query) => (anyActive(query.state.data?.items) ? POLL_INTERVAL_MS : false),
  });
  const tasks = recent.data?.items;

  const onEnded = useCallback((task: Task) => {
    // A pricelist this page asked for is what the person wants to see next.
    if (task.type === "pricelistCreate" && task.result) setPricelistId(task.result.pricelistId);
  }, []);
  const watch = useTaskEndings(tasks, onEnded);
  const { onSubmitted, latest } = useSubmitted(watch);

  // Every section stays mounted while hidden, so a chosen file or a typed search survives a visit elsewhere.
  const part = (name: Section, children: ReactNode) => (
    <div id={`section-${name}`} className="section" hidden={section !== name}>
      {children}
    </div>
  );
  return (
    <>
      <header className="masthead">
        <div className="masthead-inner">
          <div className="masthead-title">
            <h1>tasklane</h1>
            <p>{t("app.tagline")}</p>
          </div>
          <LanguageSwitch />
        </div>
        <div className="masthead-inner">
          <SectionNav current={section} />
        </div>
      </header>
      <main className="page">
        <AccessTokenPanel />
        {part(
          "import",
          <>
            <StockImportPanel onSubmitted={onSubmitted} submitted={<SubmittedTask taskId={latest.stockImport} tasks={tasks} />} />
            <SuppliersPanel />
          </>,
        )}
        {part("tasks", <TaskHistoryPanel live={anyActive(tasks)} />)}
        {part(
          "prices",
          <>
            <RecalculatePanel onSubmitted={onSubmitted} submitted={<SubmittedTask taskId={latest.recalculate} tasks={tasks} />} />
            <ComponentsSearch />
          </>,
        )}
        {part(
          "pricelists",
          <>
            <PricelistCreatePanel onSubmitted={onSubmitted} submitted={<SubmittedTask taskId={latest.pricelistCreate} tasks={tasks} />} />
            <PricelistView selectedId={pricelistId} onSelect={setPricelistId} />
          </>,
        )}
      </main>
      {/* Over the sticky header, never over a table (issue 13); see .masthead in styles.css. */}
      <Toaster
        position="top-center"
        visibleToasts={1}
        closeButton
        duration={6000}
        offset={8}
        mobileOffset={4}
        toastOptions={{ className: "toast" }}
      />
    </>
  );
}
