import {
  type PricelistSource,
  type StockKind,
  type Task,
  type TaskResult,
  type TaskStatus,
  type TaskType,
  taskTypes,
} from "@tasklane/contract";
import { rowsFellByHalf } from "@tasklane/client";
import { formatCount, plural } from "./format.ts";

/** The contract names each task type for a person; the page uses that name everywhere. */
export const taskTitle = (type: TaskType): string => taskTypes[type].title;

/** Status as words and a mark, so it never rests on colour alone. */
export const STATUS_LABELS = {
  queued: { text: "Queued", mark: "…" },
  running: { text: "Running", mark: "▸" },
  completed: { text: "Completed", mark: "✓" },
  error: { text: "Failed", mark: "!" },
  cancelled: { text: "Cancelled", mark: "–" },
} as const satisfies Record<TaskStatus, { text: string; mark: string }>;

/** Each pricelist source: its name, and what it lists (shown beside the choice). */
export const SOURCE_LABELS = {
  estimate: { name: "Estimate", hint: "every component at its calculated price" },
  warehouse: { name: "Warehouse", hint: "what suppliers have in stock, at the lowest price" },
  competitor: { name: "Competitor", hint: "the lowest competitor price per component" },
} as const satisfies Record<PricelistSource, { name: string; hint: string }>;

export const KIND_LABELS = {
  stock: "Supplier's stock",
  competitor: "Competitor's prices",
} as const satisfies Record<StockKind, string>;

const recalculate = (r: TaskResult<"recalculate">) =>
  `Updated ${formatCount(r.updated)} of ${plural(r.componentsTotal, "price")}; ${formatCount(r.unchanged)} unchanged, ${formatCount(r.withoutOffers)} without offers`;

const stockImport = (r: TaskResult<"stockImport">) =>
  `Imported ${formatCount(r.imported)} of ${plural(r.rowsTotal, "row")}` +
  (r.skipped ? `, skipped ${formatCount(r.skipped)}` : "") +
  (r.componentsCreated ? `; ${plural(r.componentsCreated, "new component")}` : "") +
  (r.rowsBefore !== undefined && r.rowsAfter !== undefined ? `; supplier's rows ${formatCount(r.rowsBefore)} → ${formatCount(r.rowsAfter)}` : "");

/** The warning a completed import earns when it left its supplier with under half its rows, or null. */
export function importWarning(task: Task): string | null {
  if (task.type !== "stockImport" || !task.result || !rowsFellByHalf(task.result)) return null;
  return `The supplier's rows fell from ${formatCount(task.result.rowsBefore!)} to ${formatCount(task.result.rowsAfter!)}: check that the file was read the right way.`;
}

const pricelistCreate = (r: TaskResult<"pricelistCreate">) => `${SOURCE_LABELS[r.source].name} pricelist of ${plural(r.rows, "row")}`;

/**
 * One line saying what a completed task did. The switch is exhaustive: a new task type in the
 * contract fails the type-check here until it has its line (STYLE.md: never a switch without
 * a `never` check).
 */
export function resultSummary(task: Task): string {
  switch (task.type) {
    case "recalculate":
      return task.result ? recalculate(task.result) : "Done";
    case "stockImport":
      return task.result ? stockImport(task.result) : "Done";
    case "pricelistCreate":
      return task.result ? pricelistCreate(task.result) : "Done";
    default: {
      const unknownType: never = task;
      return `Done (${(unknownType as Task).type})`;
    }
  }
}
