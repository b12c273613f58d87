import type { Language } from "@tasklane/contract";

/**
 * CSV made in the browser, by the same rules as the server's pricelist export
 * (packages/pricing/src/pricelists/csv-export.ts: `inert`, `csvField`, its CONVENTION and BOM).
 * The pricing package cannot reach the web bundle, so the rules are restated here: a change
 * there belongs here too.
 */

/** Excel only reads a CSV as UTF-8 (Cyrillic intact) when it starts with a BOM. */
const BOM = "\uFEFF";

/** A Russian Excel opens a comma CSV in one column; an English one expects commas (RFC 4180). */
const SEPARATOR: Record<Language, string> = { ru: ";", en: "," };

const FORMULA_START = /^[=+\-@\t\r]/;
const FRAGMENT_FORMULA = /([,;\t\r\n][ "]*)(?=[=+\-@\t\r])/g;

/**
 * Text that starts like a formula (= + - @, tab, CR) would run as one when the file is opened
 * in a spreadsheet; a leading apostrophe keeps it text, also after any separator a spreadsheet
 * might split on instead of ours. https://owasp.org/www-community/attacks/CSV_Injection
 */
export function inert(text: string): string {
  const whole = FORMULA_START.test(text) ? `'${text}` : text;
  return whole.replace(FRAGMENT_FORMULA, "$1'");
}

/** Quoted when it holds a separator a spreadsheet may split on, a quote or a line break, or has spaces at either end. */
export function csvField(text: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell: text from outside (a supplier's file, the server) is made inert; our numbers go out bare. */
export type CsvCell = string | number;

/** The whole file, BOM first, CRLF line ends, in `language`'s convention. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvCell[])[], language: Language): string {
  const line = (cells: readonly CsvCell[]) =>
    `${cells.map((cell) => (typeof cell === "number" ? String(cell) : csvField(inert(cell)))).join(SEPARATOR[language])}\r\n`;
  return BOM + line(header) + rows.map(line).join("");
}
