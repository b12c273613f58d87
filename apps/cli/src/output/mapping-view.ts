import { STOCK_FIELDS, type StockMapping } from "@tasklane/client";

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
  if (!mapping) return "detected each time";
  const parts: string[] = [];
  if (mapping.sheets) parts.push(`sheets ${mapping.sheets.map((s) => `"${s}"`).join(", ")}`);
  if (mapping.headerRow !== undefined) parts.push(`header row ${mapping.headerRow}`);
  for (const field of STOCK_FIELDS) {
    const ref = mapping.columns?.[field];
    if (ref === undefined) continue;
    parts.push(ref === null ? `${field} not read` : typeof ref === "number" ? `${field} column ${columnLetter(ref)}` : `${field} "${ref}"`);
  }
  return parts.length ? parts.join(", ") : "everything detected";
}
