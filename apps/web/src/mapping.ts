import { STOCK_FIELDS, type MappingSource, type PreviewSheet, type StockField, type StockMapping } from "@tasklane/contract";

/** Each field a stock file is read for, as the page names it. */
export const FIELD_LABELS = {
  partNumber: "Part number",
  name: "Name",
  vendor: "Vendor",
  category: "Category",
  quantity: "Quantity",
  price: "Price",
} as const satisfies Record<StockField, string>;

/** 1 → A, 27 → AA: how a spreadsheet names the column. */
export function columnLetter(position: number): string {
  let name = "";
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export const columnLabel = (column: { position: number; header: string }) =>
  column.header ? `${columnLetter(column.position)} · ${column.header}` : `Column ${columnLetter(column.position)}`;

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
  const ref = position === null ? null : unique ? column!.header : position;
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
  if (!mapping) return "Detected each time";
  const parts: string[] = [];
  if (mapping.sheets) parts.push(`${mapping.sheets.length === 1 ? "sheet" : "sheets"} ${mapping.sheets.map((s) => `“${s}”`).join(", ")}`);
  if (mapping.headerRow !== undefined) parts.push(`header row ${mapping.headerRow}`);
  for (const field of STOCK_FIELDS) {
    const ref = mapping.columns?.[field];
    if (ref === undefined) continue;
    const label = FIELD_LABELS[field].toLowerCase();
    parts.push(ref === null ? `${label} not read` : typeof ref === "number" ? `${label} column ${columnLetter(ref)}` : `${label} “${ref}”`);
  }
  return parts.length ? parts.join(", ") : "Everything detected";
}

/** What the preview says about where its mapping came from. */
export function mappingSourceText(source: MappingSource, supplier: string): string {
  switch (source) {
    case "saved":
      return `Uses the mapping saved for ${supplier}.`;
    case "given":
      return "Uses your choices below.";
    case "detected":
      return "Read as detected from the file's headers.";
    default: {
      const unknownSource: never = source;
      return String(unknownSource);
    }
  }
}
