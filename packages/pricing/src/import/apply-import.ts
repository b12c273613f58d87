import type { StockKind } from "@tasklane/contract";
import type { Transaction } from "kysely";
import { sql } from "../db/kysely.ts";
import type { PricingTables, SqlDialect } from "../db/database.ts";
import { recordSupplierImport } from "../suppliers.ts";

export interface ApplyImport {
  supplier: string;
  kind: StockKind;
  importedAt: number;
}

/**
 * Replaces the supplier's rows of this kind with the staged ones (`table`, see stager.ts) inside
 * the caller's write transaction, so readers see the old rows or the new ones, never a mix.
 * Returns how many components it created and how many rows the supplier has now.
 */
export async function applyImport(
  trx: Transaction<PricingTables>,
  dialect: SqlDialect,
  table: string,
  a: ApplyImport,
): Promise<{ created: number; offers: number }> {
  const staged = sql.raw(table);
  // PostgreSQL plans the statements below from table statistics, which a temp table only gets
  // from an explicit ANALYZE (autovacuum never sees it): planned as empty, the self-joins scan
  // all of staging once per part number. SQLite's plans need no statistics.
  if (dialect === "postgres") await sql`ANALYZE ${staged}`.execute(trx);
  // Components are never deleted, so the count's growth is what this import created
  // (cheaper than looking up every staged part number a second time).
  const countComponents = async () =>
    Number((await trx.selectFrom("components").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const before = await countComponents();
  await trx.deleteFrom("offers").where("supplier", "=", a.supplier).where("kind", "=", a.kind).execute();
  await upsertComponents(trx, dialect, table);
  const created = (await countComponents()) - before;
  const inserted = await sql`
    INSERT INTO offers (supplier, kind, component_id, quantity, price, imported_at)
    SELECT CAST(${a.supplier} AS TEXT), CAST(${a.kind} AS TEXT), c.id, s.quantity, s.price, CAST(${a.importedAt} AS BIGINT)
    FROM ${staged} s JOIN components c ON c.part_number = s.part_number`.execute(trx);
  const offers = Number(inserted.numAffectedRows ?? 0n);
  await recordSupplierImport(trx, a.supplier, a.kind, offers, a.importedAt);
  return { created, offers };
}

/**
 * New part numbers become components; existing ones get vendor/name/category only where they
 * had none. For a part number listed more than once, the first row (in file order) with a
 * vendor gives the vendor, the first with a name gives the name (and the search text), the
 * first with a category the category.
 *
 * SQLite upserts the rows one by one in file order (row_number is the rowid, so that is the
 * table's own order), and its upsert may touch a row again: each later row only fills what is
 * still empty, which is the rule above. PostgreSQL's upsert may not touch one row twice ("ON
 * CONFLICT DO UPDATE command cannot affect row a second time"), so there the rows are
 * collapsed per part number first; on SQLite that grouping and its three look-ups back into
 * the staged rows took twice as long as the upsert itself.
 */
async function upsertComponents(trx: Transaction<PricingTables>, dialect: SqlDialect, table: string): Promise<void> {
  const staged = sql.raw(table);
  const rows =
    dialect === "sqlite"
      ? // WHERE true: SQLite's parser needs a WHERE before ON CONFLICT in an INSERT … SELECT.
        sql`SELECT part_number, vendor, name, category, search_text FROM ${staged} WHERE true ORDER BY row_number`
      : // bare_text: the search text when no row names the part, and then every row's is the same.
        sql`SELECT g.part_number, v.vendor, n.name, k.category, COALESCE(n.search_text, g.bare_text)
    FROM (
      SELECT part_number, MIN(search_text) AS bare_text,
             MIN(CASE WHEN vendor IS NOT NULL THEN row_number END) AS vendor_row,
             MIN(CASE WHEN name IS NOT NULL THEN row_number END) AS name_row,
             MIN(CASE WHEN category IS NOT NULL THEN row_number END) AS category_row
      FROM ${staged} GROUP BY part_number
    ) g
    LEFT JOIN ${staged} v ON v.row_number = g.vendor_row
    LEFT JOIN ${staged} n ON n.row_number = g.name_row
    LEFT JOIN ${staged} k ON k.row_number = g.category_row`;
  await sql`
    INSERT INTO components (part_number, vendor, name, category, search_text)
    ${rows}
    ON CONFLICT (part_number) DO UPDATE SET
      vendor = COALESCE(components.vendor, excluded.vendor),
      name = COALESCE(components.name, excluded.name),
      category = COALESCE(components.category, excluded.category),
      search_text = CASE WHEN components.name IS NULL THEN excluded.search_text ELSE components.search_text END
    -- A component that has all three already stays as it is: rewriting every known row (most
    -- of them, from the second import of a supplier on) cost a third of the save in writes.
    WHERE (components.vendor IS NULL AND excluded.vendor IS NOT NULL) OR (components.name IS NULL AND excluded.name IS NOT NULL)
       OR (components.category IS NULL AND excluded.category IS NOT NULL)`.execute(trx);
}
