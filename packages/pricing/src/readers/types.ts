/** One row of a sheet: its number as the spreadsheet shows it (1-based) and its cell texts by column. */
export interface SheetRow {
  rowNumber: number;
  /** Index 0 is column A; missing cells are "" (or absent at the end). */
  cells: string[];
  /** The sheet's name: set for every .xlsx row, absent for CSV and 1C (one unnamed sheet). */
  sheet?: string;
}

/** A sheet of the file, as its tab shows it. */
export interface SheetInfo {
  name: string;
  /** False for sheets the workbook hides; they are read only when named. */
  visible: boolean;
}

/** CSV and 1C documents have one sheet, without a name. */
export const ONE_UNNAMED_SHEET: readonly SheetInfo[] = [{ name: "", visible: true }];

/**
 * Marks the cells of `cells` (by column, 0 = A) that hold a formula without a saved result: they
 * read as "" (the reader does not calculate), and the import says why. The mark is a property of
 * the array, not enumerable (rows still compare and copy as plain arrays of texts); only .xlsx sets it.
 */
export function markFormulasWithoutValue(cells: string[], columns: readonly number[]): void {
  Object.defineProperty(cells, FORMULAS_WITHOUT_VALUE, { value: new Set(columns), enumerable: false });
}

const FORMULAS_WITHOUT_VALUE = Symbol("formulasWithoutValue");

/** Whether the cell in `column` of a row's cells holds a formula without a saved result. */
export const isFormulaWithoutValue = (cells: readonly string[], column: number): boolean =>
  (cells as { [FORMULAS_WITHOUT_VALUE]?: ReadonlySet<number> })[FORMULAS_WITHOUT_VALUE]?.has(column) ?? false;

export type FileFormat = "xlsx" | "csv" | "mxl8" | "mxl77" | "unknown";

/**
 * What every reader gives the import: rows in order, plus how far through the file it
 * is, so the import code is written once for all formats.
 */
export interface RowReader {
  format: Exclude<FileFormat, "mxl77" | "unknown">;
  /** Bytes of the file (compressed for xlsx) that progress is measured against. */
  readonly totalBytes: number;
  readonly bytesRead: number;
  rows(): AsyncGenerator<SheetRow, void, undefined>;
  /** The file's sheets in order, hidden ones too: what a mapping may choose from (openRowReader's `sheets`). */
  listSheets(): Promise<SheetInfo[]>;
}
