import { type Component, type ComponentList, type ComponentListInput, ComponentListInputSchema } from "@tasklane/contract";
import { decodeCursor, isIntegerCursor, pageOf } from "./cursor.ts";
import type { Selectable } from "kysely";
import { sql } from "./db/kysely.ts";
import type { PricingDb, PricingTables } from "./db/database.ts";

type ComponentRecord = Omit<Selectable<PricingTables["components"]>, "search_text">;

const toComponent = (r: ComponentRecord): Component => ({
  partNumber: r.part_number,
  vendor: r.vendor,
  name: r.name,
  category: r.category,
  price: r.price,
  priceUpdatedAt: r.price_updated_at === null ? null : new Date(r.price_updated_at),
});

/**
 * A page of components ordered by part number, optionally those whose part number or
 * name contains `search` (any case, Cyrillic included: see the search_text column).
 * The cursor names the last component of the page before, so pages stay stable while
 * imports add components elsewhere in the order.
 */
export async function listComponents(db: PricingDb, input: ComponentListInput): Promise<ComponentList> {
  const { search, limit, cursor } = ComponentListInputSchema.parse(input);
  const after = decodeCursor<[number]>(cursor, isIntegerCursor)?.[0];
  let query = db.kysely.selectFrom("components").select(["id", "part_number", "vendor", "name", "category", "price", "price_updated_at"]);
  // A substring test both engines run alike (no LIKE: its wildcards and case rules differ).
  if (search)
    query = query.where(sql<boolean>`${sql.raw(db.dialect === "sqlite" ? "instr" : "strpos")}(search_text, ${search.toLowerCase()}) > 0`);
  if (after !== undefined) {
    query = query.where("part_number", ">", (eb) => eb.selectFrom("components").select("part_number").where("id", "=", after));
  }
  const rows: ComponentRecord[] = await query
    .orderBy("part_number")
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit, toComponent, (last) => [last.id]);
}
