import { CSV_BOM, csvLine, type Language } from "@tasklane/contract";

/** A cell: text from outside (a supplier's file, the server) is made inert; our numbers go out bare. */
export type CsvCell = string | number;

/** A whole CSV made in the browser: the BOM, then each line by the contract's rules, as the server's pricelist export writes them. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvCell[])[], language: Language): string {
  return CSV_BOM + csvLine(header, language) + rows.map((row) => csvLine(row, language)).join("");
}
