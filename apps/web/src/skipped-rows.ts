import { type TaskResult, skipReasonIn } from "@tasklane/contract";
import { type CsvCell, csvText } from "./csv.ts";
import { saveBlob } from "./download.ts";
import { currentLanguage, i18n } from "./i18n/index.ts";

export type SkippedRow = TaskResult<"stockImport">["skippedRows"][number];

/** Rows are numbered per sheet, so the sheet is a column only when some row names one (.xlsx). */
export const hasSheets = (rows: readonly SkippedRow[]) => rows.some((r) => r.sheet !== undefined);

/**
 * The rows as the details table shows them and the file holds them, so the two never differ:
 * column names in the page's language, then (sheet,) row number, reason.
 */
export function skippedRowsTable(rows: readonly SkippedRow[]): { header: string[]; cells: CsvCell[][] } {
  const names = [i18n.t("details.row"), i18n.t("details.reason")];
  const reason = (row: SkippedRow) => skipReasonIn(row, currentLanguage());
  if (!hasSheets(rows)) return { header: names, cells: rows.map((r) => [r.row, reason(r)]) };
  return { header: [i18n.t("details.sheet"), ...names], cells: rows.map((r) => [r.sheet ?? "", r.row, reason(r)]) };
}

/** The skipped rows as a CSV in the page's language's convention (Russian: semicolons). */
export function skippedRowsCsv(rows: readonly SkippedRow[]): string {
  const { header, cells } = skippedRowsTable(rows);
  return csvText(header, cells, currentLanguage());
}

export const skippedRowsFileName = (taskId: string) => `skipped-rows-${taskId.slice(0, 8)}.csv`;

export function downloadSkippedRows(taskId: string, rows: readonly SkippedRow[]) {
  saveBlob(new Blob([skippedRowsCsv(rows)], { type: "text/csv;charset=utf-8" }), skippedRowsFileName(taskId));
}
