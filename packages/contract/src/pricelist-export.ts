import { z } from "zod";
import type { Language } from "./language.ts";
import type { Pricelist } from "./pricing.ts";

/** What a pricelist downloads as: .xlsx (any spreadsheet), or CSV in the reader's convention (see pricing's csv-export). */
export const PricelistExportFormatSchema = z.enum(["xlsx", "csv"]);
export type PricelistExportFormat = z.infer<typeof PricelistExportFormatSchema>;

/**
 * The name a downloaded pricelist is saved under, saying what it is: its source and the day it
 * was made (UTC), `pricelist-warehouse-2026-12-02.xlsx`. The server sends it and the page
 * offers it, so both say the same.
 */
export function pricelistFileName(pricelist: Pick<Pricelist, "source" | "createdAt">, format: PricelistExportFormat): string {
  return `pricelist-${pricelist.source}-${pricelist.createdAt.toISOString().slice(0, 10)}.${format}`;
}

/** The download's address below the service's root; `lang` picks the header names and, for CSV, the separator and decimal mark. */
export function pricelistExportPath(id: string, format: PricelistExportFormat, lang: Language): string {
  return `/api/pricelists/${encodeURIComponent(id)}/export-${format}?lang=${lang}`;
}
