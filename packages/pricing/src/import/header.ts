import { StockFileError } from "../errors.ts";
import {
  type ColumnMap,
  HEADER_SCAN_ROWS,
  type HeaderMatch,
  isHeaderRow,
  matchHeaderRow,
  missingColumnsError,
} from "../readers/columns.ts";

/** How the import finds the header row: detected (HeaderFinder) or as a mapping says (MappedHeaderFinder). */
export interface HeaderSearch {
  /** The chosen column per field, once the header row is found. */
  readonly columns: ColumnMap | undefined;
  readonly match: HeaderMatch | undefined;
  /** Offers a non-empty row that came before the header; throws once the header can no longer come. */
  offer(rowNumber: number, cells: string[]): void;
  /** An empty row before the header. */
  passEmpty(rowNumber: number): void;
  missingColumnsError(): StockFileError;
}

/**
 * Looks for the header row among the first rows: the first that names both a part-number
 * and a price column (in two cells). Title lines, dates, logos and rows naming only some
 * columns above it are skipped.
 */
export class HeaderFinder implements HeaderSearch {
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
