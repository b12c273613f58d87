import type { ComponentListInput, PricelistGetInput, PricelistListInput } from "@tasklane/contract";
import { getPricelistPage, listComponents, listPricelists, pricelistCsvChunks } from "@tasklane/pricing";
import type { Database } from "better-sqlite3";

/** The pricing data the API reads, bound to one database. */
export function pricingReads(db: Database) {
  return {
    components: (input: ComponentListInput) => listComponents(db, input),
    pricelists: (input: PricelistListInput) => listPricelists(db, input),
    pricelist: (input: PricelistGetInput) => getPricelistPage(db, input),
    pricelistCsv: (id: string) => pricelistCsvChunks(db, id),
  };
}

export type PricingReads = ReturnType<typeof pricingReads>;
