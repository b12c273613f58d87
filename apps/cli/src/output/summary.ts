import { type CompletedTask, type TaskResult, rowsFellByHalf } from "@tasklane/client";
import { t } from "../i18n/i18n.ts";
import { formatCount, plural } from "./format.ts";
import { mappingSummary } from "./mapping-view.ts";

/** How many skipped rows a summary names; the rest are counted (all of them are in --json). */
const SKIPPED_ROWS_SHOWN = 10;

function recalculated(r: TaskResult<"recalculate">): string[] {
  return [
    t("summary.recalculated", {
      components: plural(r.componentsTotal, "component"),
      updated: formatCount(r.updated),
      unchanged: formatCount(r.unchanged),
      withoutOffers: formatCount(r.withoutOffers),
    }),
  ];
}

function imported(r: TaskResult<"stockImport">): string[] {
  const lines: string[] = [
    t("summary.imported", {
      imported: formatCount(r.imported),
      rows: plural(r.rowsTotal, "row"),
      skipped: formatCount(r.skipped),
      created: plural(r.componentsCreated, "newComponent"),
    }),
  ];
  for (const { row, reason } of r.skippedRows.slice(0, SKIPPED_ROWS_SHOWN))
    lines.push(t("summary.skippedRow", { row: String(row), reason }));
  const unnamed = r.skipped - Math.min(r.skippedRows.length, SKIPPED_ROWS_SHOWN);
  if (unnamed > 0) lines.push(t("summary.andMore", { more: plural(unnamed, "moreSkippedRow") }));
  if (r.rowsBefore !== undefined && r.rowsAfter !== undefined) {
    lines.push(t("summary.rowsBeforeAfter", { before: formatCount(r.rowsBefore), after: formatCount(r.rowsAfter) }));
    if (rowsFellByHalf(r)) lines.push(t("summary.fellByHalf"));
  }
  if (r.mapping) {
    const source = t(`summary.source.${r.mapping.source}`);
    lines.push(
      t("summary.readWith", { source, mapping: mappingSummary(r.mapping.used) }) + (r.mapping.saved ? t("summary.savedForSupplier") : ""),
    );
  }
  return lines;
}

function pricelistCreated(r: TaskResult<"pricelistCreate">): string[] {
  // English's article; the other languages' texts leave {{article}} out.
  const article = /^[aeiou]/.test(r.source) ? "an" : "a";
  return [t("summary.pricelistCreated", { article, source: r.source, rows: plural(r.rows, "row"), id: r.pricelistId })];
}

/** What a completed task did, in a person's words, per task type. */
export function summarize(task: CompletedTask): string[] {
  switch (task.type) {
    case "recalculate":
      return recalculated(task.result);
    case "stockImport":
      return imported(task.result);
    case "pricelistCreate":
      return pricelistCreated(task.result);
    default: {
      const unknown: never = task;
      return [t("summary.completed", { result: JSON.stringify((unknown as CompletedTask).result) })];
    }
  }
}
