import { STOCK_FIELDS, type StockMapping } from "@tasklane/client";
import { t } from "../i18n/i18n.ts";

/** 1 → A, 27 → AA: how a spreadsheet names the column. */
export function columnLetter(position: number): string {
  let name = "";
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A column as a person finds it in the file: its letter and its header. */
export function columnLabel(column: { position: number; header: string }): string {
  // A header may hold line breaks ("Цена,\nруб."): on a terminal it stays on one line.
  const header = column.header.replace(/\s+/g, " ").trim();
  return header ? `${columnLetter(column.position)} "${header}"` : columnLetter(column.position);
}

/** One line: what the mapping fixes (sheets, header row, each named field); the rest is detected. */
export function mappingSummary(mapping: StockMapping | null): string {
  if (!mapping) return t("mapping.detectedEachTime");
  const parts: string[] = [];
  if (mapping.sheets) parts.push(t("mapping.sheets", { sheets: mapping.sheets.map((s) => `"${s}"`).join(", ") }));
  if (mapping.headerRow !== undefined) parts.push(t("mapping.headerRow", { row: String(mapping.headerRow) }));
  for (const field of STOCK_FIELDS) {
    const ref = mapping.columns?.[field];
    if (ref === undefined) continue;
    parts.push(
      ref === null
        ? t("mapping.fieldNotRead", { field })
        : typeof ref === "number"
          ? t("mapping.fieldColumn", { field, column: columnLetter(ref) })
          : t("mapping.fieldHeader", { field, header: ref }),
    );
  }
  return parts.length ? parts.join(", ") : t("mapping.everythingDetected");
}
