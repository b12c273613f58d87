import type { PreviewSheet, StockFilePreview } from "@tasklane/client";
import { plural, table } from "./format.ts";
import { columnLabel } from "./mapping-view.ts";

/** Widest a text cell is shown: a supplier's description runs to hundreds of characters. */
const CELL_MAX_CHARS = 40;

/** One line per row, whatever the cell holds: its line breaks as spaces, a long text cut with "…". */
function cell(value: string | number | null): string {
  if (value === null) return "—";
  const text = String(value).replace(/\s+/g, " ").trim();
  return text.length > CELL_MAX_CHARS ? `${text.slice(0, CELL_MAX_CHARS - 1)}…` : text;
}

function sourceLine(preview: StockFilePreview, supplier: string | undefined): string {
  const where = `${preview.filename} (${preview.format})`;
  switch (preview.mappingSource) {
    case "saved":
      return `${where}, read with the mapping saved for ${supplier ?? "the supplier"}`;
    case "given":
      return `${where}, read with the mapping given`;
    case "detected":
      return `${where}, read as detected`;
    default: {
      const unknown: never = preview.mappingSource;
      return `${where}, read as ${String(unknown)}`;
    }
  }
}

function sheetLines(sheet: PreviewSheet): string[] {
  const title = `Sheet "${sheet.name}"${sheet.visible ? "" : " (hidden)"}`;
  if (!sheet.read) return [`${title}: not read`];
  const lines = [
    sheet.headerRow === null
      ? `${title}: no header row${sheet.problem ? `: ${sheet.problem}` : ""}`
      : `${title}: header on row ${sheet.headerRow}${sheet.headerReason ? ` (${sheet.headerReason})` : ""}`,
  ];
  if (sheet.headerRow === null) return lines;
  if (sheet.problem) lines.push(`  Problem: ${sheet.problem}`);

  const fields = sheet.fields.map((f) => [
    f.field,
    f.chosen ? columnLabel(f.chosen) : "—",
    f.chosen?.reason ?? "not read",
    f.alternatives.map(columnLabel).join(", "),
  ]);
  lines.push(...table([["FIELD", "COLUMN", "WHY", "ALTERNATIVES"], ...fields]).map((l) => `  ${l}`));
  const unread = sheet.columns.filter((c) => c.field === null);
  if (unread.length) lines.push(`  Not read: ${unread.map(columnLabel).join(", ")}`);

  const extent = sheet.complete ? `(the sheet has ${plural(sheet.rowsRead, "row")})` : `(the preview read its first ${plural(sheet.rowsRead, "row")})`;
  if (sheet.rows.length === 0) lines.push(`  No rows to import ${extent}`);
  else {
    lines.push(`  Rows as they would be stored, the first ${sheet.rows.length} ${extent}:`);
    const rows = sheet.rows.map((r) => [String(r.row), cell(r.partNumber), cell(r.name), cell(r.vendor), cell(r.category), cell(r.quantity), cell(r.price)]);
    lines.push(...table([["ROW", "PART NUMBER", "NAME", "VENDOR", "CATEGORY", "QUANTITY", "PRICE"], ...rows]).map((l) => `    ${l}`));
  }
  if (sheet.skippedRows.length) {
    lines.push(`  Rows that would be skipped${sheet.complete ? "" : " among those read"}:`);
    for (const { row, reason } of sheet.skippedRows) lines.push(`    row ${row}: ${reason}`);
  }
  return lines;
}

/** `tasklane inspect`: the file, then each sheet as the import would read it, then whether it would fail. */
export function describePreview(preview: StockFilePreview, supplier: string | undefined): string[] {
  const lines = [sourceLine(preview, supplier)];
  for (const sheet of preview.sheets) lines.push("", ...sheetLines(sheet));
  if (preview.error) lines.push("", `An import with this mapping would fail: ${preview.error}`);
  return lines;
}
