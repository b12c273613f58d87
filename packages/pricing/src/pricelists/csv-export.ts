import type { Language, Pricelist } from "@tasklane/contract";
import type { PricingDb } from "../db/database.ts";
import { EXPORT_HEADER, exportFields } from "./export-columns.ts";
import { findPricelist, pricelistRowsAfter, type PricelistRowRecord } from "./read.ts";

/** Rows read (and yielded as one chunk) at a time. */
const ROWS_PER_CHUNK = 1_000;
/** Excel only reads a CSV as UTF-8 (Cyrillic intact) when it starts with a BOM. */
const BOM = "\uFEFF";

/**
 * A CSV in the convention its reader's spreadsheet opens without asking: in Russian (Excel
 * with Russian regional settings) a semicolon between fields and a decimal comma, in English
 * a comma and a decimal point (RFC 4180). A Russian Excel opens a comma CSV in one column.
 */
const CONVENTION: Record<Language, { separator: string; decimal: string }> = {
  ru: { separator: ";", decimal: "," },
  en: { separator: ",", decimal: "." },
};

/**
 * A pricelist's CSV text, in chunks of up to 1,000 rows, or undefined for an unknown
 * pricelist. CRLF line ends, the header in the language asked for (names the import
 * recognises, so the export reads back through our own import). The whole text is never
 * held in memory.
 */
export async function pricelistCsvChunks(
  db: PricingDb,
  id: string,
  language: Language = "en",
): Promise<{ pricelist: Pricelist; chunks: AsyncIterable<string> } | undefined> {
  const pricelist = await findPricelist(db, id);
  if (pricelist === undefined) return undefined;
  return { pricelist, chunks: chunks(db, id, language) };
}

async function* chunks(db: PricingDb, id: string, language: Language): AsyncGenerator<string, void, undefined> {
  const { separator, decimal } = CONVENTION[language];
  // Numbers go out bare: ours, never a supplier's text, and a quoted "1234,5" is a string to some readers.
  const number = (n: number | null) => (n === null ? "" : String(n).replace(".", decimal));
  const rowLine = (r: PricelistRowRecord): string => {
    const [partNumber, vendor, name, price, quantity] = exportFields(r);
    const texts = [partNumber, vendor, name].map((text) => csvField(inert(text)));
    return `${[...texts, number(price), number(quantity)].join(separator)}\r\n`;
  };
  yield `${BOM}${EXPORT_HEADER[language].map(csvField).join(separator)}\r\n`;
  for (let after = 0; ; ) {
    const rows = await pricelistRowsAfter(db, id, after, ROWS_PER_CHUNK);
    if (rows.length === 0) return;
    yield rows.map(rowLine).join("");
    after = rows.at(-1)!.position;
  }
}

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
 * The export is comma- or semicolon-separated, but a spreadsheet may read it with another
 * separator (LibreOffice offers that, Excel does it by locale), and then splits a field at
 * those: so every piece after a , ; tab or line break gets the apostrophe too ("x;=1+1;y"
 * goes out as "x;'=1+1;y").
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
