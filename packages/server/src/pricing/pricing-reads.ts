import type { ComponentListInput, PricelistGetInput, PricelistListInput } from "@tasklane/contract";
import { type PricingDb, getPricelistPage, listComponents, listPricelists, pricelistCsvChunks } from "@tasklane/pricing";

/** The pricing data the API reads, bound to one database (SQLite or PostgreSQL). */
export function pricingReads(db: PricingDb) {
  return {
    components: (input: ComponentListInput) => listComponents(db, input),
    pricelists: (input: PricelistListInput) => listPricelists(db, input),
    pricelist: (input: PricelistGetInput) => getPricelistPage(db, input),
    pricelistCsv: (id: string) => pricelistCsvChunks(db, id),
  };
}

export type PricingReads = ReturnType<typeof pricingReads>;
