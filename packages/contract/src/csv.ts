import type { Language } from "./language.ts";

/**
 * CSV as a person's spreadsheet opens it, written the same way by the server (pricelist
 * exports) and the page (a task's skipped rows).
 */

/** Excel only reads a CSV as UTF-8 (Cyrillic intact) when it starts with a BOM. */
export const CSV_BOM = "\uFEFF";

/**
 * The convention a reader's spreadsheet opens without asking: in Russian (Excel with Russian
 * regional settings) a semicolon between fields and a decimal comma, in English a comma and a
 * decimal point (RFC 4180). A Russian Excel opens a comma CSV in one column.
 */
export const CSV_CONVENTION: Record<Language, { separator: string; decimal: string }> = {
  ru: { separator: ";", decimal: "," },
  en: { separator: ",", decimal: "." },
};

/** What a spreadsheet takes for the start of a formula: = + - @, and tab or CR, which some drop before reading on. */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A place inside a field where a spreadsheet told to split on another separator (, ; or tab)
 * or on lines would start a new cell, followed (after spaces or quotes) by a formula start:
 * the apostrophe goes right after the separator and the spaces or quotes.
 */
const FRAGMENT_FORMULA = /([,;\t\r\n][ "]*)(?=[=+\-@\t\r])/g;

/**
 * Text from outside (a supplier's file) that starts like a formula (=, +, -, @, tab, CR) would
 * run as one when a person opens the CSV in a spreadsheet; a leading apostrophe keeps it text.
 * A spreadsheet may read the file with another separator than ours (LibreOffice offers that,
 * Excel picks by locale) and then splits a field at it: so every piece after a , ; tab or line
 * break gets the apostrophe too ("x;=1+1;y" goes out as "x;'=1+1;y").
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function inert(text: string): string {
  const whole = FORMULA_START.test(text) ? `'${text}` : text;
  return whole.replace(FRAGMENT_FORMULA, "$1'");
}

/**
 * Quoted when it holds any separator a spreadsheet may split on (comma, semicolon, tab), a
 * quote or a line break, or has spaces at either end; otherwise left bare.
 */
export function csvField(text: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One line, CRLF-ended, in `language`'s convention: texts made inert and quoted as needed;
 * numbers bare with the language's decimal mark (ours, never outside text, and a quoted
 * "1234,5" is a string to some readers); null as an empty field.
 */
export function csvLine(cells: readonly (string | number | null)[], language: Language): string {
  const { separator, decimal } = CSV_CONVENTION[language];
  const field = (cell: string | number | null) =>
    cell === null ? "" : typeof cell === "number" ? String(cell).replace(".", decimal) : csvField(inert(cell));
  return `${cells.map(field).join(separator)}\r\n`;
}
