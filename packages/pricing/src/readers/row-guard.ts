import { LIMITS, tooManyEmptyRows, tooManyFileCells } from "./limits.ts";

const isBlank = (cell: string | undefined): boolean => cell === undefined || cell === "" || cell.trim() === "";

/** True when no cell holds anything but spaces (holes of a sparse row count as empty). */
export function isEmptyRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}

/**
 * The bounds that hold for a whole file whatever its format, applied to the rows as they are
 * read: cells in all (each row counted up to its last cell) and runs of empty rows. A reader
 * hands out rows trimmed to their last non-empty cell, so an empty cell far to the right costs
 * nothing here.
 */
export class RowGuard {
  private cells = 0;
  private emptyRun = 0;
  private firstEmptyRow = 0;

  /** Counts the row; returns whether it is empty; throws once a bound is passed. */
  check(rowNumber: number, cells: readonly string[]): boolean {
    this.cells += cells.length;
    if (this.cells > LIMITS.fileCells) throw tooManyFileCells();
    if (!isEmptyRow(cells)) {
      this.emptyRun = 0;
      return false;
    }
    if (this.emptyRun++ === 0) this.firstEmptyRow = rowNumber;
    if (this.emptyRun > LIMITS.emptyRowRun) throw tooManyEmptyRows(this.firstEmptyRow);
    return true;
  }
}
