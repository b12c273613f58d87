import type { StockKind } from "@tasklane/contract";
import type { Transaction } from "kysely";
import { sql } from "../db/kysely.ts";
import type { PricingTables, SqlDialect } from "../db/database.ts";
import { recordSupplierImport } from "../suppliers.ts";
import { upsertComponents } from "./upsert-components.ts";

/** An import's staging table and the rows written to it. */
export interface StagedTable {
  name: string;
  rows: number;
}

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
  table: StagedTable,
  a: ApplyImport,
): Promise<{ created: number; offers: number }> {
  const staged = sql.raw(table.name);
  if (dialect === "postgres") {
    // The sort and hashes over 100,000 staged rows take about 25 MB; at the default 4 MB they
    // spilled to temp files, a third of the apply. For this transaction only.
    await sql`SET LOCAL work_mem = '32MB'`.execute(trx);
    // PostgreSQL plans the statements below from table statistics, which a temp table only gets
    // from an explicit ANALYZE (autovacuum never sees it): without them a GROUP BY is planned as
    // 200 groups and the look-ups back into staging as nested loops. What they need is the row
    // count and whether part numbers repeat, which a sample of 3,000 rows tells (the default
    // 30,000 cost 0.15 s a 100,000-row import). SQLite's plans need no statistics.
    await sql`SET LOCAL default_statistics_target = 10`.execute(trx);
    await sql`ANALYZE ${staged}`.execute(trx);
  }
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
