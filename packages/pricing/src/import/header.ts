import type { StockFileError } from "../errors.ts";
import { type ColumnMap, HEADER_SCAN_ROWS, isHeaderRow, mapColumns, missingColumnsError } from "../readers/columns.ts";

/**
 * Looks for the header row among the first rows: the first that names both a part-number
 * and a price column. Title lines, dates and logos above it are skipped.
 */
export class HeaderFinder {
  columns: ColumnMap | undefined;
  private sawPartNumber = false;
  private sawPrice = false;

  /** Offers a non-empty row that came before the header; throws once the scan window is passed. */
  offer(rowNumber: number, cells: string[]): void {
    if (rowNumber > HEADER_SCAN_ROWS) throw this.missingColumnsError();
    const map = mapColumns({ rowNumber, cells });
    if (isHeaderRow(map)) {
      this.columns = map;
      return;
    }
    this.sawPartNumber ||= map.partNumber !== undefined;
    this.sawPrice ||= map.price !== undefined;
  }

  /** An empty row before the header: past the scan window, the header will never come. */
  passEmpty(rowNumber: number): void {
    if (rowNumber > HEADER_SCAN_ROWS) throw this.missingColumnsError();
  }

  missingColumnsError(): StockFileError {
    return missingColumnsError(this.sawPartNumber, this.sawPrice);
  }
}
