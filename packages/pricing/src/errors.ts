/**
 * A problem with an uploaded file that the person who uploaded it must read and can fix.
 * Messages are complete sentences; the task manager shows them as the task's error.
 */
export class StockFileError extends Error {
  override readonly name = "StockFileError";
}

/** A page cursor that this package did not make (or that was tampered with). */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
  constructor() {
    super("The page cursor is not valid; start again from the first page.");
  }
}

export const SAVE_AS_XLSX_HINT =
  "Save the document from 1C (or your spreadsheet program) as an Excel workbook (.xlsx) and upload that file.";
