import type { ComponentListInput, Language, PricelistGetInput, PricelistListInput } from "@tasklane/contract";
import { type PricingDb, getPricelistPage, listComponents, listPricelists, pricelistCsvChunks, pricelistXlsx } from "@tasklane/pricing";

/** The pricing data the API reads, bound to one database (SQLite or PostgreSQL). */
export function pricingReads(db: PricingDb) {
  return {
    components: (input: ComponentListInput) => listComponents(db, input),
    pricelists: (input: PricelistListInput) => listPricelists(db, input),
    pricelist: (input: PricelistGetInput) => getPricelistPage(db, input),
    pricelistCsv: (id: string, language: Language) => pricelistCsvChunks(db, id, language),
    pricelistXlsx: (id: string, language: Language) => pricelistXlsx(db, id, language),
  };
}

export type PricingReads = ReturnType<typeof pricingReads>;
