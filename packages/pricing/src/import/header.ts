import { StockFileError } from "../errors.ts";
import {
  type ColumnMap,
  HEADER_SCAN_ROWS,
  type HeaderMatch,
  isHeaderRow,
  matchHeaderRow,
  missingColumnsError,
} from "../readers/columns.ts";

/**
 * Looks for the header row among the first rows: the first that names both a part-number
 * and a price column (in two cells). Title lines, dates, logos and rows naming only some
 * columns above it are skipped.
 */
export class HeaderFinder {
  /** The chosen column per field, once the header row is found. */
  columns: ColumnMap | undefined;
  /** The header row with, per field, the chosen column and its alternatives. */
  match: HeaderMatch | undefined;
  private sawPartNumber = false;
  private sawPrice = false;
  /** The first row that named a part-number or a price column without being the header: the error names it. */
  private seen: HeaderMatch | undefined;

  /** Offers a non-empty row that came before the header; throws once the scan window is passed. */
  offer(rowNumber: number, cells: string[]): void {
    if (rowNumber > HEADER_SCAN_ROWS) throw this.missingColumnsError();
    const match = matchHeaderRow({ rowNumber, cells });
    if (isHeaderRow(match.columns)) {
      this.match = match;
      this.columns = match.columns;
      return;
    }
    const { partNumber, price } = match.columns;
    if (this.seen === undefined && (partNumber !== undefined || price !== undefined)) this.seen = match;
    this.sawPartNumber ||= partNumber !== undefined;
    this.sawPrice ||= price !== undefined;
  }

  /** An empty row before the header: past the scan window, the header will never come. */
  passEmpty(rowNumber: number): void {
    if (rowNumber > HEADER_SCAN_ROWS) throw this.missingColumnsError();
  }

  missingColumnsError(): StockFileError {
    return missingColumnsError(this.sawPartNumber, this.sawPrice, this.seen);
  }
}

/**
 * The header row of rows read from the top, as the import finds it (empty rows skipped), or the
 * error the import would fail with. For a preview, and for tests.
 */
export function findHeader(rows: Iterable<{ rowNumber: number; cells: string[] }>): HeaderMatch | StockFileError {
  const finder = new HeaderFinder();
  try {
    for (const { rowNumber, cells } of rows) {
      if (cells.every((cell) => cell.trim() === "")) finder.passEmpty(rowNumber);
      else finder.offer(rowNumber, cells);
      if (finder.match !== undefined) return finder.match;
    }
  } catch (error) {
    if (error instanceof StockFileError) return error;
    throw error;
  }
  return finder.missingColumnsError();
}

/**
 * The header row of each sheet: a workbook's sheets are read one after another and each finds
 * its own header (a price list repeats it on every tab). A sheet without one in its first
 * HEADER_SCAN_ROWS rows (a notes or summary tab) is passed over; the import fails only when no
 * sheet has one, with the error of the first sheet read. A file of one sheet without a name
 * (CSV, 1C) fails as soon as its scan window is passed, as it always did.
 */
export class SheetHeaders {
  private finder = new HeaderFinder();
  private sheet: string | undefined;
  private started = false;
  /** The current sheet has no header: its rows are passed over. */
  private passingOver = false;
  private anyHeader = false;
  private firstError: StockFileError | undefined;

  /**
   * The columns of the sheet's header when `row` is a data row below it; undefined when the row
   * is the header, above it, or in a sheet passed over. `empty` rows only count towards the scan window.
   */
  columnsFor(row: { rowNumber: number; cells: string[]; sheet?: string | undefined }, empty: boolean): ColumnMap | undefined {
    if (!this.started || row.sheet !== this.sheet) this.startSheet(row.sheet);
    if (this.passingOver) return undefined;
    if (this.finder.columns !== undefined) return empty ? undefined : this.finder.columns;
    try {
      if (empty) this.finder.passEmpty(row.rowNumber);
      else this.finder.offer(row.rowNumber, row.cells);
    } catch (error) {
      if (!(error instanceof StockFileError) || row.sheet === undefined) throw error;
      this.endSheet();
    }
    if (this.finder.columns !== undefined) this.anyHeader = true;
    return undefined;
  }

  /** At the end of the file: throws the missing-columns error when no sheet had a header. */
  finish(): void {
    if (this.started && !this.passingOver && this.finder.columns === undefined) this.endSheet();
    if (!this.anyHeader) throw this.firstError ?? this.finder.missingColumnsError();
  }

  private startSheet(sheet: string | undefined): void {
    if (this.started && !this.passingOver && this.finder.columns === undefined) this.endSheet();
    this.started = true;
    this.sheet = sheet;
    this.finder = new HeaderFinder();
    this.passingOver = false;
  }

  private endSheet(): void {
    this.firstError ??= this.finder.missingColumnsError();
    this.passingOver = true;
  }
}
