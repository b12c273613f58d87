import { StockFileError } from "../errors.ts";
import type { SheetRow } from "./types.ts";

export type ColumnRole = "partNumber" | "name" | "vendor" | "quantity" | "price";

/** Header names per column, compared after lower-casing and removing spaces. */
const HEADER_NAMES: Record<ColumnRole, readonly string[]> = {
  partNumber: ["Артикул", "Part number", "PN", "SKU"],
  name: ["Наименование", "Name"],
  vendor: ["Производитель", "Vendor", "Brand"],
  quantity: ["Количество", "Остаток", "Qty", "Stock"],
  price: ["Цена", "Price"],
};

/** How many rows from the top are searched for the header row. */
export const HEADER_SCAN_ROWS = 50;

export type ColumnMap = Partial<Record<ColumnRole, number>>;

/** "Цена, руб." and "Price (USD)" name the price column too: a unit after "," or "(" is dropped. */
export function normalizeHeader(text: string): string {
  return text.split(/[,(]/, 1)[0]!.toLowerCase().replace(/[\s\u00a0.:*]/g, "");
}

const ROLE_BY_NAME = new Map<string, ColumnRole>(
  (Object.entries(HEADER_NAMES) as [ColumnRole, readonly string[]][]).flatMap(([role, names]) =>
    names.map((name) => [normalizeHeader(name), role] as const),
  ),
);

/** A longer cell is not a header name ("Цена, руб. с НДС" is 16), and is not normalised. */
const MAX_HEADER_CHARS = 100;

/** The columns a row names; the first column with a given name wins. */
export function mapColumns(row: SheetRow): ColumnMap {
  const map: ColumnMap = {};
  row.cells.forEach((cell, index) => {
    if (cell.length > MAX_HEADER_CHARS) return;
    const role = ROLE_BY_NAME.get(normalizeHeader(cell));
    if (role !== undefined && map[role] === undefined) map[role] = index;
  });
  return map;
}

export const isHeaderRow = (map: ColumnMap): boolean => map.partNumber !== undefined && map.price !== undefined;

const quoteNames = (role: ColumnRole): string => {
  const names = HEADER_NAMES[role];
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
};

/** The error for a file whose first rows never name both a part-number and a price column. */
export function missingColumnsError(sawPartNumber: boolean, sawPrice: boolean): StockFileError {
  const where = `in the first ${HEADER_SCAN_ROWS} rows`;
  if (sawPartNumber && sawPrice) {
    return new StockFileError(
      `No header row found: no row ${where} names both a part number column ` +
        `(${quoteNames("partNumber")}) and a price column (${quoteNames("price")}).`,
    );
  }
  if (sawPartNumber) {
    return new StockFileError(`No price column found: expected a header named ${quoteNames("price")} ${where}.`);
  }
  if (sawPrice) {
    return new StockFileError(
      `No part number column found: expected a header named ${quoteNames("partNumber")} ${where}.`,
    );
  }
  return new StockFileError(
    `No part number or price column found: expected headers named ${quoteNames("partNumber")} and ` +
      `${quoteNames("price")} ${where}.`,
  );
}
