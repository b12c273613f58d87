import type { PricingDb } from "../db/database.ts";
import { findPricelist, pricelistRowsAfter, type PricelistRowRecord } from "./read.ts";

/** Rows read (and yielded as one chunk) at a time. */
const ROWS_PER_CHUNK = 1_000;
/** Excel only reads a CSV as UTF-8 (Cyrillic intact) when it starts with a BOM. */
const BOM = "\uFEFF";
const HEADER = ["Part number", "Vendor", "Name", "Price", "Quantity"];

/**
 * The CSV text of a pricelist, in chunks of up to 1,000 rows, or undefined for an unknown
 * pricelist. Comma-separated with CRLF line ends (RFC 4180), numbers with a decimal point,
 * so the export reads back in any program and through our own import; the header names
 * are ones the import recognises. The whole text is never held in memory.
 */
export async function pricelistCsvChunks(db: PricingDb, id: string): Promise<AsyncIterable<string> | undefined> {
  if ((await findPricelist(db, id)) === undefined) return undefined;
  return chunks(db, id);
}

async function* chunks(db: PricingDb, id: string): AsyncGenerator<string, void, undefined> {
  yield BOM + csvLine(HEADER);
  for (let after = 0; ; ) {
    const rows = await pricelistRowsAfter(db, id, after, ROWS_PER_CHUNK);
    if (rows.length === 0) return;
    yield rows.map(rowLine).join("");
    after = rows.at(-1)!.position;
  }
}

const rowLine = (r: PricelistRowRecord): string =>
  csvLine([
    inert(r.part_number),
    inert(r.vendor ?? ""),
    inert(r.name ?? ""),
    String(r.price),
    r.quantity === null ? "" : String(r.quantity),
  ]);

/** What a spreadsheet takes for the start of a formula: = + - @, and tab or CR, which some drop before reading on. */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A place inside a field where a spreadsheet told to split on another separator (, ; or tab)
 * or on lines would start a new cell, followed (after spaces or quotes) by a formula start:
 * the apostrophe goes right after the separator and the spaces or quotes.
 */
const FRAGMENT_FORMULA = /([,;\t\r\n][ "]*)(?=[=+\-@\t\r])/g;

/**
 * Text from a supplier's file that starts like a formula (=, +, -, @, tab, CR) would run as
 * one when a person opens the export in a spreadsheet; a leading apostrophe keeps it text.
 * The export is comma-separated, but a spreadsheet may read it with ; or tab as the
 * separator (LibreOffice offers that, Excel does it by locale), and then splits a field at
 * those: so every piece after a , ; tab or line break gets the apostrophe too ("x;=1+1;y"
 * goes out as "x;'=1+1;y").
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function inert(text: string): string {
  const whole = FORMULA_START.test(text) ? `'${text}` : text;
  return whole.replace(FRAGMENT_FORMULA, "$1'");
}

const csvLine = (fields: readonly string[]): string => `${fields.map(csvField).join(",")}\r\n`;

/**
 * Quoted when it holds any separator a spreadsheet may split on (comma, semicolon, tab), a
 * quote or a line break, or has spaces at either end; otherwise left bare.
 */
export function csvField(text: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
