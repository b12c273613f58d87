import { PassThrough, type Readable } from "node:stream";
import { once } from "node:events";
import type { Language, Pricelist } from "@tasklane/contract";
import type { PricingDb } from "../db/database.ts";
import { EXPORT_HEADER, exportFields } from "./export-columns.ts";
import { findPricelist, pricelistRowsAfter } from "./read.ts";

/** Rows read and written at a time; between chunks the writer waits for the reader to catch up. */
const ROWS_PER_CHUNK = 1_000;
/** The sheet's name in each language. */
const SHEET_NAME: Record<Language, string> = { ru: "Прайс-лист", en: "Pricelist" };

/**
 * A pricelist as an .xlsx, written while it is sent: exceljs's streaming writer, with inline
 * strings (no shared-strings table to hold) and each row committed as it is written, so a
 * pricelist of any length never sits whole in memory. Prices and quantities are numbers, so
 * every spreadsheet shows them in its own locale; cells written as strings are never formulas.
 * Undefined for an unknown pricelist; a failure while writing ends the stream with the error.
 */
export async function pricelistXlsx(
  db: PricingDb,
  id: string,
  language: Language = "en",
): Promise<{ pricelist: Pricelist; stream: Readable } | undefined> {
  const pricelist = await findPricelist(db, id);
  if (pricelist === undefined) return undefined;
  // Loaded on first use: the writer and its zip library cost start-up time the service need not pay.
  const { default: ExcelJS } = await import("exceljs");
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const sheet = workbook.addWorksheet(SHEET_NAME[language], { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = EXPORT_HEADER[language].map((header, i) => ({ header, width: [20, 16, 60, 12, 12][i] }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (let after = 0; ;) {
      const rows = await pricelistRowsAfter(db, id, after, ROWS_PER_CHUNK);
      if (rows.length === 0) break;
      for (const row of rows) sheet.addRow(exportFields(row)).commit();
      after = rows.at(-1)!.position;
      // A slow download holds the writer here rather than the rows in memory.
      if (out.writableNeedDrain) await once(out, "drain");
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return { pricelist, stream: out };
}
