import { type CompletedTask, type MappingSource, type TaskResult, rowsFellByHalf } from "@tasklane/client";
import { formatCount, plural } from "./format.ts";
import { mappingSummary } from "./mapping-view.ts";

const MAPPING_SOURCE_WORDS = {
  given: "the mapping given",
  saved: "the supplier's saved mapping",
  detected: "the detected mapping",
} as const satisfies Record<MappingSource, string>;

/** How many skipped rows a summary names; the rest are counted (all of them are in --json). */
const SKIPPED_ROWS_SHOWN = 10;

function recalculated(r: TaskResult<"recalculate">): string[] {
  return [
    `Recalculated ${plural(r.componentsTotal, "component")}: ${formatCount(r.updated)} updated, ` +
      `${formatCount(r.unchanged)} unchanged, ${formatCount(r.withoutOffers)} without offers`,
  ];
}

function imported(r: TaskResult<"stockImport">): string[] {
  const lines = [
    `Imported ${formatCount(r.imported)} of ${plural(r.rowsTotal, "row")} ` +
      `(${formatCount(r.skipped)} skipped, ${plural(r.componentsCreated, "new component")})`,
  ];
  for (const { row, reason } of r.skippedRows.slice(0, SKIPPED_ROWS_SHOWN)) lines.push(`  row ${row}: ${reason}`);
  const unnamed = r.skipped - Math.min(r.skippedRows.length, SKIPPED_ROWS_SHOWN);
  if (unnamed > 0) lines.push(`  and ${plural(unnamed, "more skipped row")}`);
  if (r.rowsBefore !== undefined && r.rowsAfter !== undefined) {
    lines.push(`  The supplier's rows: ${formatCount(r.rowsBefore)} before, ${formatCount(r.rowsAfter)} now`);
    if (rowsFellByHalf(r)) lines.push("  Warning: the supplier's rows fell by more than half: check the file and how it was read (tasklane inspect)");
  }
  if (r.mapping) lines.push(`  Read with ${MAPPING_SOURCE_WORDS[r.mapping.source]}: ${mappingSummary(r.mapping.used)}${r.mapping.saved ? " (saved for the supplier)" : ""}`);
  return lines;
}

function pricelistCreated(r: TaskResult<"pricelistCreate">): string[] {
  const article = /^[aeiou]/.test(r.source) ? "an" : "a";
  return [`Created ${article} ${r.source} pricelist of ${plural(r.rows, "row")}: ${r.pricelistId}`];
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
      return [`Completed: ${JSON.stringify((unknown as CompletedTask).result)}`];
    }
  }
}
