import { type Component, type ComponentList, type ComponentListInput, ComponentListInputSchema } from "@tasklane/contract";
import { decodeCursor, encodeCursor, isIntegerCursor } from "./cursor.ts";
import type { Database } from "./db/open.ts";

interface ComponentRecord {
  id: number;
  part_number: string;
  vendor: string | null;
  name: string | null;
  category: string | null;
  price: number | null;
  price_updated_at: number | null;
}

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
export function listComponents(db: Database, input: ComponentListInput): ComponentList {
  const { search, limit, cursor } = ComponentListInputSchema.parse(input);
  const after = cursor === undefined ? null : decodeCursor<[number]>(cursor, isIntegerCursor)[0];
  const needle = search ? search.toLowerCase() : null;
  const rows = db
    .prepare<{ after: number | null; needle: string | null; take: number }, ComponentRecord>(
      `SELECT id, part_number, vendor, name, category, price, price_updated_at FROM components
       WHERE (:needle IS NULL OR instr(search_text, :needle) > 0)
         AND (:after IS NULL OR part_number > (SELECT part_number FROM components WHERE id = :after))
       ORDER BY part_number LIMIT :take`,
    )
    .all({ after, needle, take: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toComponent),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor([last.id]) : null,
  };
}
