/**
 * Numbers a file's rows in file order across its sheets. Rows are numbered per sheet (each
 * starts at 1), but the staging table keys an import's rows by one number and reads "first in
 * the file" from it: a later sheet's rows are numbered after the last row of the sheets before.
 * A file of one sheet keeps its spreadsheet row numbers.
 */
export class FileRowNumbers {
  private sheet: string | undefined;
  private started = false;
  private offset = 0;
  private last = 0;

  /** The file-order number of row `rowNumber` of `sheet`; call for every row read, in order. */
  of(rowNumber: number, sheet: string | undefined): number {
    if (this.started && sheet !== this.sheet) this.offset = this.last;
    this.started = true;
    this.sheet = sheet;
    const number = this.offset + rowNumber;
    if (number > this.last) this.last = number;
    return number;
  }
}
