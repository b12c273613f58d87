import type { PricelistSource, StockKind, Task, TaskResult, TaskStatus, TaskType } from "@tasklane/contract";
import { rowsFellByHalf } from "@tasklane/client";
import { formatCount } from "./format.ts";
import { i18n } from "./i18n/index.ts";

/** Each task type's name in the page's language (the contract's `title` is the English one). */
export const taskTitle = (type: TaskType): string => i18n.t(`taskTitle.${type}`);

/** Status as words and a mark, so it never rests on colour alone. */
const STATUS_MARKS = {
  queued: "…",
  running: "▸",
  completed: "✓",
  error: "!",
  cancelled: "–",
} as const satisfies Record<TaskStatus, string>;

export const statusLabel = (status: TaskStatus) => ({ text: i18n.t(`status.${status}`), mark: STATUS_MARKS[status] });

/** Each pricelist source: its name, and what it lists (shown beside the choice). */
export const sourceName = (source: PricelistSource) => i18n.t(`source.${source}.name`);
export const sourceHint = (source: PricelistSource) => i18n.t(`source.${source}.hint`);
export const kindLabel = (kind: StockKind) => i18n.t(`kind.${kind}`);

/** What a task worked on, in a line: an import's supplier and file, a pricelist's source; null for a recalculation. */
export function subjectLine(task: Task): string | null {
  if (task.type === "stockImport") {
    const { supplier, kind, fileName } = task.subject;
    return i18n.t("subject.import", { supplier, kind: kindLabel(kind), file: fileName ?? i18n.t("subject.noFileName") });
  }
  if (task.type === "pricelistCreate") return sourceName(task.subject.source);
  return null;
}

const recalculate = (r: TaskResult<"recalculate">) =>
  i18n.t("summary.recalculate", {
    updated: formatCount(r.updated),
    total: i18n.t("count.prices", { count: r.componentsTotal }),
    unchanged: formatCount(r.unchanged),
    withoutOffers: formatCount(r.withoutOffers),
  });

const stockImport = (r: TaskResult<"stockImport">) =>
  i18n.t("summary.imported", { imported: formatCount(r.imported), total: i18n.t("count.ofRows", { count: r.rowsTotal }) }) +
  (r.skipped ? i18n.t("summary.skipped", { skipped: formatCount(r.skipped) }) : "") +
  (r.componentsCreated ? i18n.t("summary.created", { created: i18n.t("count.newComponents", { count: r.componentsCreated }) }) : "") +
  (r.rowsBefore !== undefined && r.rowsAfter !== undefined
    ? i18n.t("summary.supplierRows", { before: formatCount(r.rowsBefore), after: formatCount(r.rowsAfter) })
    : "");

/** The warning a completed import earns when it left its supplier with under half its rows, or null. */
export function importWarning(task: Task): string | null {
  if (task.type !== "stockImport" || !task.result || !rowsFellByHalf(task.result)) return null;
  return i18n.t("summary.importWarning", { before: formatCount(task.result.rowsBefore!), after: formatCount(task.result.rowsAfter!) });
}

const pricelistCreate = (r: TaskResult<"pricelistCreate">) =>
  i18n.t("summary.pricelist", { source: sourceName(r.source), rows: i18n.t("count.rows", { count: r.rows }) });

/**
 * One line saying what a completed task did. The switch is exhaustive: a new task type in the
 * contract fails the type-check here until it has its line (STYLE.md: never a switch without
 * a `never` check).
 */
export function resultSummary(task: Task): string {
  switch (task.type) {
    case "recalculate":
      return task.result ? recalculate(task.result) : i18n.t("summary.done");
    case "stockImport":
      return task.result ? stockImport(task.result) : i18n.t("summary.done");
    case "pricelistCreate":
      return task.result ? pricelistCreate(task.result) : i18n.t("summary.done");
    default: {
      const unknownType: never = task;
      return `${i18n.t("summary.done")} (${(unknownType as Task).type})`;
    }
  }
}
