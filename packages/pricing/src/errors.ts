import { TextError } from "@tasklane/contract";

/**
 * A problem with an uploaded file that the person who uploaded it must read and can fix.
 * Its text (a key in the contract's texts) is a complete sentence; the task manager shows it as the task's error.
 */
export class StockFileError extends TextError {
  override readonly name = "StockFileError";
}

/** A page cursor that this package did not make (or that was tampered with). */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
  constructor() {
    super("The page cursor is not valid; start again from the first page.");
  }
}
