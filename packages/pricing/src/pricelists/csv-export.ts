import { CSV_BOM, csvLine, type Language, type Pricelist } from "@tasklane/contract";
import type { PricingDb } from "../db/database.ts";
import { EXPORT_HEADER, exportFields } from "./export-columns.ts";
import { findPricelist, pricelistRowsAfter } from "./read.ts";

/** Rows read (and yielded as one chunk) at a time. */
const ROWS_PER_CHUNK = 1_000;

/**
 * A pricelist's CSV text, in chunks of up to 1,000 rows, or undefined for an unknown
 * pricelist: a BOM, the header in the language asked for (names the import recognises, so the
 * export reads back through our own import), then the rows, in the reader's convention
 * (csvLine in the contract: semicolons and decimal commas in Russian). The whole text is never
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
  yield CSV_BOM + csvLine(EXPORT_HEADER[language], language);
  for (let after = 0; ;) {
    const rows = await pricelistRowsAfter(db, id, after, ROWS_PER_CHUNK);
    if (rows.length === 0) return;
    yield rows.map((row) => csvLine(exportFields(row), language)).join("");
    after = rows.at(-1)!.position;
  }
}
