import { STOCK_FIELDS, type MappingSource, type PreviewSheet, type StockField, type StockMapping } from "@tasklane/contract";
import { i18n } from "./i18n/index.ts";

/** Each field a stock file is read for, as the page names it in its language. */
export const fieldLabel = (field: StockField) => i18n.t(`mapping.field.${field}`);

/** 1 → A, 27 → AA: how a spreadsheet names the column. */
export function columnLetter(position: number): string {
  let name = "";
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export const columnLabel = (column: { position: number; header: string }) =>
  column.header
    ? `${columnLetter(column.position)} · ${column.header}`
    : i18n.t("mapping.columnLetter", { letter: columnLetter(column.position) });

/** As the service compares header texts: trimmed, any case, repeated spaces as one. */
const sameHeader = (a: string, b: string) => a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * `mapping` with `field` read from the column at `position` of `sheet`, or not read (null). By
 * header text when no other column has the same one, so a saved mapping still finds the column
 * when the supplier moves it; by position otherwise.
 */
export function withColumn(mapping: StockMapping, sheet: PreviewSheet, field: StockField, position: number | null): StockMapping {
  const column = position === null ? undefined : sheet.columns.find((c) => c.position === position);
  const unique = column?.header && sheet.columns.filter((c) => sameHeader(c.header, column.header)).length === 1;
  const ref = position === null ? null : unique ? column.header : position;
  return { ...mapping, columns: { ...mapping.columns, [field]: ref } };
}

/** Another header row means other header texts: the columns are found again on it. */
export function withHeaderRow(mapping: StockMapping, headerRow: number): StockMapping {
  const { columns: _columns, ...rest } = mapping;
  return { ...rest, headerRow };
}

/** `mapping` reading `sheet` or not, the others as they are; the sheets stay in the file's order. */
export function withSheet(mapping: StockMapping, sheets: readonly PreviewSheet[], name: string, read: boolean): StockMapping {
  const names = sheets.filter((s) => (s.name === name ? read : s.read)).map((s) => s.name);
  return { ...mapping, sheets: names };
}

/** One line: what the mapping fixes (sheets, header row, each named field); the rest is detected. */
export function mappingSummary(mapping: StockMapping | null): string {
  if (!mapping) return i18n.t("mapping.detectedEachTime");
  const parts: string[] = [];
  if (mapping.sheets) {
    const names = mapping.sheets.map((s) => `“${s}”`).join(", ");
    parts.push(i18n.t(mapping.sheets.length === 1 ? "mapping.sheet" : "mapping.sheets", { names }));
  }
  if (mapping.headerRow !== undefined) parts.push(i18n.t("mapping.headerRow", { row: mapping.headerRow }));
  for (const name of STOCK_FIELDS) {
    const ref = mapping.columns?.[name];
    if (ref === undefined) continue;
    const field = fieldLabel(name).toLowerCase();
    parts.push(
      ref === null
        ? i18n.t("mapping.fieldNotRead", { field })
        : typeof ref === "number"
          ? i18n.t("mapping.fieldAtColumn", { field, letter: columnLetter(ref) })
          : i18n.t("mapping.fieldByHeader", { field, header: ref }),
    );
  }
  return parts.length ? parts.join(", ") : i18n.t("mapping.everythingDetected");
}

/** What the preview says about where its mapping came from. */
export function mappingSourceText(source: MappingSource, supplier: string): string {
  switch (source) {
    case "saved":
    case "given":
    case "detected":
      return i18n.t(`mapping.source.${source}`, { supplier });
    default: {
      const unknownSource: never = source;
      return String(unknownSource);
    }
  }
}
