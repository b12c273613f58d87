import type { StockKind } from "@tasklane/contract";
import type { ColumnMap } from "../readers/columns.ts";
import { parseNumber } from "../readers/numbers.ts";

/** A data row ready for staging. */
export interface StagedRow {
  rowNumber: number;
  partNumber: string;
  vendor: string | null;
  name: string | null;
  quantity: number | null;
  price: number;
}

export type RowCheck = { row: StagedRow } | { skip: string };

/** The identity of a component across suppliers. */
export const normalizePartNumber = (text: string): string => text.trim().toUpperCase();

export const isEmptyRow = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === "");

const cellAt = (cells: readonly string[], index: number | undefined): string =>
  index === undefined ? "" : (cells[index] ?? "").trim();

const orNull = (text: string): string | null => (text === "" ? null : text);

/** Applies the import rules to one non-empty data row: a bad row is skipped with a reason, never fatal. */
export function checkRow(rowNumber: number, cells: readonly string[], columns: ColumnMap, kind: StockKind): RowCheck {
  const partNumber = normalizePartNumber(cellAt(cells, columns.partNumber));
  if (partNumber === "") return { skip: "part number is empty" };
  const priceText = cellAt(cells, columns.price);
  const price = parseNumber(priceText);
  if (price === undefined || price <= 0) return { skip: `price is not a positive number: '${priceText}'` };
  let quantity: number | null = null;
  if (kind === "stock") {
    const quantityText = cellAt(cells, columns.quantity);
    quantity = quantityText === "" ? 0 : (parseNumber(quantityText) ?? Number.NaN);
    if (Number.isNaN(quantity)) return { skip: `quantity is not a number: '${quantityText}'` };
    if (quantity < 0) return { skip: `quantity is negative: '${quantityText}'` };
  }
  const vendor = orNull(cellAt(cells, columns.vendor));
  const name = orNull(cellAt(cells, columns.name));
  return { row: { rowNumber, partNumber, vendor, name, quantity, price } };
}
