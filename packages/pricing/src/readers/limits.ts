import { SAVE_AS_XLSX_HINT, StockFileError } from "../errors.ts";

/**
 * Bounds that keep a hostile or broken file from taking the process's memory. Each is far
 * above what a real price list needs and each ends the import with a clear error.
 */
export const LIMITS = {
  /** Excel's own column limit (XFD). */
  columns: 16_384,
  /** Characters in one cell or XML text node; Excel stops at 32,767, XML escaping adds more. */
  cellChars: 1_000_000,
  /** The worksheet once inflated: about 7 million rows of a five-column sheet. */
  sheetBytes: 1024 ** 3,
  /** The shared strings once inflated, held (compactly) in memory for the whole import. */
  sharedStringsBytes: 256 * 1024 ** 2,
} as const;

export const tooManyColumns = (rowNumber: number): StockFileError =>
  new StockFileError(
    `Row ${rowNumber} has more than ${LIMITS.columns.toLocaleString("en-US")} columns, more than a spreadsheet can hold; ` +
      `the file is damaged. ${SAVE_AS_XLSX_HINT}`,
  );

export const cellTooLong = (): StockFileError =>
  new StockFileError(
    `The file has a cell text too long to be real (over ${LIMITS.cellChars.toLocaleString("en-US")} characters); ` +
      `the file is damaged. ${SAVE_AS_XLSX_HINT}`,
  );

export const partTooLarge = (what: string, limitBytes: number): StockFileError =>
  new StockFileError(
    `The workbook's ${what} is larger than the limit of ${Math.round(limitBytes / 1024 ** 2).toLocaleString("en-US")} MB ` +
      `once unpacked. Split the file into smaller ones.`,
  );
