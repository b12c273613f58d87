import type { StockKind } from "@tasklane/contract";
import type { Transaction } from "kysely";
import { sql } from "../db/kysely.ts";
import type { PricingTables, SqlDialect } from "../db/database.ts";
import { recordSupplierImport } from "../suppliers.ts";
import { upsertComponents } from "./upsert-components.ts";

export interface ApplyImport {
  supplier: string;
  kind: StockKind;
  importedAt: number;
}

/**
 * Replaces the supplier's rows of this kind with the staged ones (`table`, see stager.ts) inside
 * the caller's transaction (importTransaction), so readers see the old rows or the new ones,
 * never a mix.
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
  await trx.deleteFrom("offers").where("supplier", "=", a.supplier).where("kind", "=", a.kind).execute();
  const created = await upsertComponents(trx, dialect, table);
  const inserted = await sql`
    INSERT INTO offers (supplier, kind, component_id, quantity, price, imported_at)
    SELECT CAST(${a.supplier} AS TEXT), CAST(${a.kind} AS TEXT), c.id, s.quantity, s.price, CAST(${a.importedAt} AS BIGINT)
    FROM ${staged} s JOIN components c ON c.part_number = s.part_number`.execute(trx);
  const offers = Number(inserted.numAffectedRows ?? 0n);
  await recordSupplierImport(trx, a.supplier, a.kind, offers, a.importedAt);
  return { created, offers };
}
