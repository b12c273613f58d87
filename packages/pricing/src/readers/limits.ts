import { text } from "@tasklane/contract";
import { StockFileError } from "../errors.ts";

/**
 * Bounds that keep a hostile or broken file from taking the process's memory. Each is far
 * above what a real price list needs and each ends the import with a clear error.
 */
export const LIMITS = {
  /** Excel's own column limit (XFD). */
  columns: 16_384,
  /**
   * Columns read: a cell further right is left out, never stored, so that a stray value in
   * column XFD does not make every row 16,384 cells long. Real price lists use under 50
   * columns (Excel 2003 stopped at 256); a header or value past this column is not seen.
   */
  readColumns: 1_024,
  /**
   * Cells one row may list, empty ones included (xlsx <c> elements, CSV fields): a row can
   * have no more cells than a spreadsheet has columns. Real price lists have 5 to 50.
   */
  cellsPerRow: 16_384,
  /**
   * Characters in one cell, however its text is written (one XML text node, rich-text runs,
   * text split by child elements); Excel stops at 32,767, XML escaping adds more.
   */
  cellChars: 1_000_000,
  /**
   * Characters in all the cells of one row, each reference to a shared string counted: one
   * long shared string placed in thousands of cells must not fill memory. Two of the longest
   * cells; a real price-list row holds a few hundred characters.
   */
  rowChars: 2_000_000,
  /**
   * Empty rows one after another. A real sheet has a few blank lines between sections; a run
   * this long is a damaged file, or empty rows formatted down to the end of the sheet.
   */
  emptyRowRun: 100_000,
  /**
   * Cells in the whole file, empty ones included (in xlsx every <c> element, and in every
   * format each row's cells up to its last non-empty one). A price list of 1,000,000 rows of
   * 20 columns has 20 million; this bounds the time a file of empty or far-off cells takes.
   */
  fileCells: 50_000_000,
  /**
   * How deep the lists of a 1C .mxl document may nest. 1C writes a dozen levels; the tree is
   * walked recursively, so a deeper one must be refused before it is built.
   */
  mxlDepth: 1_000,
  /**
   * Items (lists, strings and bare tokens) of a 1C .mxl document, which is parsed whole into a
   * tree. A cell costs 10 to 20 items, so this reads about 40,000 rows of a 6-column document,
   * ten times the price lists 1C users send; an item costs 35 to 65 bytes, so the tree
   * stays under about 300 MB whatever the text (a list of lists at the cap measured 145 MB).
   */
  mxlNodes: 4_000_000,
  /** The worksheets read, all together, once inflated: about 7 million rows of a five-column sheet. */
  sheetBytes: 1024 ** 3,
  /**
   * Sheets of one workbook that are looked at (listed, read): a price list has one to a few
   * dozen tabs, one per product group; the rest of a longer list is not seen.
   */
  sheets: 1_000,
  /** Cell formats (styles.xml cellXfs) looked at for date formats; Excel itself allows 64,000. */
  cellStyles: 65_536,
  /** The shared strings once inflated, held (compactly) in memory for the whole import. */
  sharedStringsBytes: 256 * 1024 ** 2,
} as const;

export const tooManyColumns = (rowNumber: number): StockFileError =>
  new StockFileError(text("file.tooManyColumns", { row: String(rowNumber), limit: LIMITS.columns }));

export const cellTooLong = (): StockFileError => new StockFileError(text("file.cellTooLong", { limit: LIMITS.cellChars }));

export const partTooLarge = (part: "file.part.sharedStrings" | "file.part.worksheet", limitBytes: number): StockFileError =>
  new StockFileError(text("file.partTooLarge", { part: text(part), limit: Math.round(limitBytes / 1024 ** 2) }));

export const tooManyCells = (rowNumber: number): StockFileError =>
  new StockFileError(text("file.tooManyCells", { row: String(rowNumber), limit: LIMITS.cellsPerRow }));

export const rowTooLong = (rowNumber: number): StockFileError =>
  new StockFileError(text("file.rowTooLong", { row: String(rowNumber), limit: LIMITS.rowChars }));

export const tooManyEmptyRows = (firstEmptyRow: number): StockFileError =>
  new StockFileError(text("file.tooManyEmptyRows", { limit: LIMITS.emptyRowRun, row: firstEmptyRow }));

export const tooManyFileCells = (): StockFileError => new StockFileError(text("file.tooManyFileCells", { limit: LIMITS.fileCells }));

export const mxlTooDeep = (): StockFileError => new StockFileError(text("file.mxlTooDeep", { limit: LIMITS.mxlDepth }));

export const mxlTooManyNodes = (): StockFileError => new StockFileError(text("file.mxlTooManyNodes", { limit: LIMITS.mxlNodes }));
