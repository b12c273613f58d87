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

/**
 * Text from a supplier's file that starts like a formula (=, +, -, @, tab, CR) would run as
 * one when a person opens the export in a spreadsheet; a leading apostrophe keeps it text.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const csvLine = (fields: readonly string[]): string => `${fields.map(csvField).join(",")}\r\n`;

/** Quoted only when needed: a comma, quote or line break inside, or spaces at either end. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
