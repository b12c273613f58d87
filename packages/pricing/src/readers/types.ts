/** One row of a sheet: its number as the spreadsheet shows it (1-based) and its cell texts by column. */
export interface SheetRow {
  rowNumber: number;
  /** Index 0 is column A; missing cells are "" (or absent at the end). */
  cells: string[];
}

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
}
