import type { StockMapping } from "@tasklane/contract";
import { StockFileError } from "../errors.ts";
import { confirmByContent } from "./content-choice.ts";
import { MappedHeaderFinder } from "./mapping.ts";
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

/** The header row as found: what was matched (and confirmed by the cells below it), and its cells. */
export interface FoundHeader {
  match: HeaderMatch;
  cells: string[];
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

/**
 * The header row of each sheet: a workbook's sheets are read one after another and each finds
 * its own header (a price list repeats it on every tab), detected or as a mapping says. A sheet
 * without one in its first rows (a notes or summary tab) is passed over; the import fails only
 * when no sheet has one, with the error of the first sheet read. A file of one sheet without a
 * name (CSV, 1C) fails as soon as its header can no longer come, as it always did. Once a sheet's
 * header is found, its columns are `unconfirmed` until the first data rows below it have been
 * looked at (`confirm`, content-choice.ts).
 */
export class SheetHeaders {
  private finder: HeaderSearch;
  private sheet: string | undefined;
  private started = false;
  /** The current sheet has no header: its rows are passed over. */
  private passingOver = false;
  private firstError: StockFileError | undefined;
  /** The current sheet's header once confirmed by its cells. */
  private confirmed: FoundHeader | undefined;
  private headerCells: string[] = [];
  /** The first sheet's header that was found: the mapping the import used is told from it. */
  private first: FoundHeader | undefined;

  constructor(private readonly mapping: StockMapping | null = null) {
    this.finder = this.newFinder();
  }

  private newFinder(): HeaderSearch {
    return this.mapping === null ? new HeaderFinder() : new MappedHeaderFinder(this.mapping);
  }

  /** The current sheet has a header whose columns the cells below it have not yet confirmed. */
  get unconfirmed(): boolean {
    return this.finder.match !== undefined && this.confirmed === undefined;
  }

  /**
   * The columns of the sheet's header when `row` is a data row below it; undefined when the row
   * is the header, above it, or in a sheet passed over. `empty` rows only count towards the scan window.
   */
  columnsFor(row: { rowNumber: number; cells: string[]; sheet?: string | undefined }, empty: boolean): ColumnMap | undefined {
    if (!this.started || row.sheet !== this.sheet) this.startSheet(row.sheet);
    if (this.passingOver) return undefined;
    if (this.finder.match !== undefined) return empty ? undefined : (this.confirmed?.match.columns ?? this.finder.match.columns);
    try {
      if (empty) this.finder.passEmpty(row.rowNumber);
      else this.finder.offer(row.rowNumber, row.cells);
    } catch (error) {
      if (!(error instanceof StockFileError) || row.sheet === undefined) throw error;
      this.endSheet();
    }
    if (this.finder.match !== undefined) this.headerCells = row.cells;
    return undefined;
  }

  /** Confirms the current sheet's columns by its first data rows' cells; returns the columns to read with. */
  confirm(sample: readonly (readonly string[])[]): ColumnMap {
    const match = confirmByContent(this.finder.match!, sample);
    this.confirmed = { match, cells: this.headerCells };
    this.first ??= this.confirmed;
    return match.columns;
  }

  /** At the end of the file: the first sheet's header, or the missing-columns error when no sheet had one. */
  finish(): FoundHeader {
    if (this.started && !this.passingOver && this.finder.match === undefined) this.endSheet();
    if (this.finder.match !== undefined && this.confirmed === undefined) this.confirm([]);
    if (this.first === undefined) throw this.firstError ?? this.finder.missingColumnsError();
    return this.first;
  }

  private startSheet(sheet: string | undefined): void {
    if (this.started && !this.passingOver && this.finder.match === undefined) this.endSheet();
    // A sheet whose header came with no data row below it still counts as having one.
    if (this.finder.match !== undefined && this.confirmed === undefined) this.confirm([]);
    this.started = true;
    this.sheet = sheet;
    this.finder = this.newFinder();
    this.confirmed = undefined;
    this.passingOver = false;
  }

  private endSheet(): void {
    this.firstError ??= this.finder.missingColumnsError();
    this.passingOver = true;
  }
}
