import { type PreviewSheet, type StockFilePreview, skipReasonIn, textIn } from "@tasklane/client";
import { language, t } from "../i18n/i18n.ts";
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
      return t("preview.readSaved", { where, supplier: supplier ?? t("preview.theSupplier") });
    case "given":
      return t("preview.readGiven", { where });
    case "detected":
      return t("preview.readDetected", { where });
    default: {
      const unknown: never = preview.mappingSource;
      return t("preview.readAs", { where, source: String(unknown) });
    }
  }
}

function headerLine(sheet: PreviewSheet): string {
  const title = t("preview.sheet", { name: sheet.name }) + (sheet.visible ? "" : t("preview.hidden"));
  if (!sheet.read) return t("preview.notRead", { title });
  const problem = textIn(sheet.problemText, language()) ?? sheet.problem;
  if (sheet.headerRow === null) return problem ? t("preview.noHeaderBecause", { title, problem }) : t("preview.noHeader", { title });
  const row = String(sheet.headerRow);
  const reason = textIn(sheet.headerReasonText, language()) ?? sheet.headerReason;
  return reason ? t("preview.headerOnBecause", { title, row, reason }) : t("preview.headerOn", { title, row });
}

function sheetLines(sheet: PreviewSheet): string[] {
  const lines = [headerLine(sheet)];
  if (!sheet.read || sheet.headerRow === null) return lines;
  if (sheet.problem) lines.push(t("preview.problem", { problem: textIn(sheet.problemText, language()) ?? sheet.problem }));

  const fields = sheet.fields.map((f) => [
    f.field,
    f.chosen ? columnLabel(f.chosen) : "—",
    f.chosen ? (textIn(f.chosen.reasonText, language()) ?? f.chosen.reason) : t("preview.fieldNotRead"),
    f.alternatives.map(columnLabel).join(", "),
  ]);
  const fh = t("preview.fieldHeader", { returnObjects: true });
  lines.push(...table([[fh.field, fh.column, fh.why, fh.alternatives], ...fields]).map((l) => `  ${l}`));
  const unread = sheet.columns.filter((c) => c.field === null);
  if (unread.length) lines.push(t("preview.unread", { columns: unread.map(columnLabel).join(", ") }));

  const rowsRead = plural(sheet.rowsRead, "row");
  const extent = sheet.complete ? t("preview.wholeSheet", { rows: rowsRead }) : t("preview.firstRows", { rows: rowsRead });
  if (sheet.rows.length === 0) lines.push(t("preview.noRows", { extent }));
  else {
    lines.push(t("preview.rowsAsStored", { shown: String(sheet.rows.length), extent }));
    const rows = sheet.rows.map((r) => [
      String(r.row),
      cell(r.partNumber),
      cell(r.name),
      cell(r.vendor),
      cell(r.category),
      cell(r.quantity),
      cell(r.price),
    ]);
    const rh = t("preview.rowHeader", { returnObjects: true });
    lines.push(...table([[rh.row, rh.partNumber, rh.name, rh.vendor, rh.category, rh.quantity, rh.price], ...rows]).map((l) => `    ${l}`));
  }
  if (sheet.skippedRows.length) {
    lines.push(t(sheet.complete ? "preview.skipped" : "preview.skippedAmongRead"));
    for (const skipped of sheet.skippedRows)
      lines.push(t("preview.skippedRow", { row: String(skipped.row), reason: skipReasonIn(skipped, language()) }));
  }
  return lines;
}

/** `tasklane inspect`: the file, then each sheet as the import would read it, then whether it would fail. */
export function describePreview(preview: StockFilePreview, supplier: string | undefined): string[] {
  const lines = [sourceLine(preview, supplier)];
  for (const sheet of preview.sheets) lines.push("", ...sheetLines(sheet));
  if (preview.error) lines.push("", t("preview.wouldFail", { error: textIn(preview.errorText, language()) ?? preview.error }));
  return lines;
}
