import { type LocalText, type StockKind, text, truncateText } from "@tasklane/contract";
import type { ColumnMap } from "../readers/columns.ts";
import { MAX_NUMBER_CHARS, parseNumber } from "../readers/numbers.ts";
import { parseQuantity } from "../readers/quantity-words.ts";
import { isFormulaWithoutValue } from "../readers/types.ts";

/**
 * The longest field a row may stage. A cell may hold up to LIMITS.cellChars characters and one
 * shared string may fill any number of cells, so these bound what one row costs in memory and
 * in the staging table. Real values are far shorter: part numbers are under 50 characters,
 * vendor names under 50, product names a few hundred at most.
 */
export const FIELD_LIMITS = {
  /** A longer part number is not one: the row is skipped with a reason. */
  partNumber: 200,
  /** A longer vendor is cut to this length (ending with "…"); the row's price still counts. */
  vendor: 200,
  /** A longer name is cut to this length (ending with "…"); the row's price still counts. */
  name: 1_000,
  /** A longer category (from its column) is cut to this length (ending with "…"). */
  category: 200,
} as const;

/** How much of a cell a skip reason quotes; the rest is left out, marked with "…". */
export const QUOTED_CELL_CHARS = 100;

/** A data row ready for staging. */
export interface StagedRow {
  /** The row's place in the file (see FileRowNumbers): its spreadsheet row number in a file of one sheet. */
  rowNumber: number;
  partNumber: string;
  vendor: string | null;
  name: string | null;
  /** Its category column's cell, else the title row above it (category-rows.ts). */
  category: string | null;
  quantity: number | null;
  price: number;
}

export type RowCheck = { row: StagedRow } | { skip: LocalText };

/** The identity of a component across suppliers. */
export const normalizePartNumber = (text: string): string => text.trim().toUpperCase();

export { isEmptyRow } from "../readers/row-guard.ts";

const cellAt = (cells: readonly string[], index: number | undefined): string => (index === undefined ? "" : (cells[index] ?? "").trim());

const orNull = (text: string): string | null => (text === "" ? null : text);

/** A cell's text for a skip reason: in quotes, at most QUOTED_CELL_CHARS characters of it. */
export const quoteCell = (text: string): string => `'${truncateText(text, QUOTED_CELL_CHARS + 1)}'`;

type NumberField = "field.price" | "field.quantity";

/** Why a cell is not the number it should be, or undefined when it is one. */
function numberProblem(field: NumberField, cell: string, value: number | undefined): LocalText | undefined {
  if (value !== undefined) return undefined;
  if (cell.length > MAX_NUMBER_CHARS) {
    return text("skip.numberTooLong", { field: text(field), length: cell.length, limit: MAX_NUMBER_CHARS, cell: quoteCell(cell) });
  }
  return text("skip.notANumber", { field: text(field), cell: quoteCell(cell) });
}

/** A cell whose formula was never calculated (written by a program that does not calculate): the file holds no value to read. */
const formulaWithoutValue = (field: NumberField): LocalText => text("skip.formulaWithoutValue", { field: text(field) });

/** Applies the import rules to one non-empty data row: a bad row is skipped with a reason, never fatal. */
export function checkRow(
  rowNumber: number,
  cells: readonly string[],
  columns: ColumnMap,
  kind: StockKind,
  titleCategory: string | null = null,
): RowCheck {
  return check(rowNumber, cells, columns, kind, titleCategory);
}

function check(rowNumber: number, cells: readonly string[], columns: ColumnMap, kind: StockKind, titleCategory: string | null): RowCheck {
  const partNumberText = cellAt(cells, columns.partNumber);
  if (partNumberText === "") return { skip: text("skip.partNumberEmpty") };
  if (partNumberText.length > FIELD_LIMITS.partNumber) {
    return {
      skip: text("skip.partNumberTooLong", {
        limit: FIELD_LIMITS.partNumber,
        length: partNumberText.length,
        cell: quoteCell(partNumberText),
      }),
    };
  }
  const partNumber = normalizePartNumber(partNumberText);
  const priceText = cellAt(cells, columns.price);
  if (priceText === "" && columns.price !== undefined && isFormulaWithoutValue(cells, columns.price)) {
    return { skip: formulaWithoutValue("field.price") };
  }
  const price = parseNumber(priceText);
  if (price === undefined && priceText.length > MAX_NUMBER_CHARS) return { skip: numberProblem("field.price", priceText, price)! };
  if (price === undefined || price <= 0) return { skip: text("skip.priceNotPositive", { cell: quoteCell(priceText) }) };
  let quantity: number | null = null;
  if (kind === "stock") {
    const quantityText = cellAt(cells, columns.quantity);
    // Read as 0 otherwise: a stock of 0 the file never said.
    if (quantityText === "" && columns.quantity !== undefined && isFormulaWithoutValue(cells, columns.quantity)) {
      return { skip: formulaWithoutValue("field.quantity") };
    }
    const parsed = quantityText === "" ? 0 : parseQuantity(quantityText);
    const problem = numberProblem("field.quantity", quantityText, parsed);
    if (problem !== undefined) return { skip: problem };
    if (parsed! < 0) return { skip: text("skip.quantityNegative", { cell: quoteCell(quantityText) }) };
    quantity = parsed!;
  }
  const vendor = orNull(truncateText(cellAt(cells, columns.vendor), FIELD_LIMITS.vendor));
  const name = orNull(truncateText(cellAt(cells, columns.name), FIELD_LIMITS.name));
  const category = orNull(truncateText(cellAt(cells, columns.category), FIELD_LIMITS.category)) ?? titleCategory;
  return { row: { rowNumber, partNumber, vendor, name, quantity, price, category } };
}
