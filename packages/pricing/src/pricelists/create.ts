import { randomUUID } from "node:crypto";
import { type PricelistSource, type TaskResult, text } from "@tasklane/contract";
import { throwIfAborted, type WorkContext } from "../context.ts";
import { sql } from "../db/kysely.ts";
import type { PricingDb } from "../db/database.ts";
import { snapshotTransaction } from "../db/write-transactions.ts";

type PricelistCreateResult = TaskResult<"pricelistCreate">;

export interface PricelistCreateInput {
  source: PricelistSource;
  /** The task that makes it, or null when made outside the task manager. */
  taskId: string | null;
}

export interface PricelistCreateOptions extends WorkContext {
  now?: () => Date;
}

/**
 * Each source as one SELECT of (component_id, price, quantity). Rows are numbered in
 * part-number order so pages and the CSV export read them by position.
 */
const SOURCE_ROWS: Record<PricelistSource, string> = {
  // every component with a price, at that price
  estimate: `SELECT id AS component_id, price, CAST(NULL AS DOUBLE PRECISION) AS quantity FROM components WHERE price IS NOT NULL`,
  // every component in stock, at its lowest offered price, with the total quantity
  warehouse: `SELECT component_id, MIN(price) FILTER (WHERE quantity > 0 AND price > 0) AS price, SUM(quantity) AS quantity
              FROM offers WHERE kind = 'stock' GROUP BY component_id
              HAVING SUM(quantity) > 0 AND MIN(price) FILTER (WHERE quantity > 0 AND price > 0) IS NOT NULL`,
  // every component a competitor prices, at the lowest competitor price
  competitor: `SELECT component_id, MIN(price) AS price, CAST(NULL AS DOUBLE PRECISION) AS quantity
               FROM offers WHERE kind = 'competitor' AND price > 0 GROUP BY component_id`,
};

/** Builds a pricelist snapshot from the chosen source in one transaction. */
export async function createPricelist(
  db: PricingDb,
  input: PricelistCreateInput,
  opts: PricelistCreateOptions,
): Promise<PricelistCreateResult> {
  throwIfAborted(opts.signal);
  opts.progress(0, text("pricelist.creating", { source: text(`pricelist.source.${input.source}`) }));
  const id = randomUUID();
  const createdAt = (opts.now?.() ?? new Date()).getTime();
  const rows = await snapshotTransaction(db, async (trx) => {
    await trx
      .insertInto("pricelists")
      .values({ id, source: input.source, created_at: createdAt, task_id: input.taskId, row_count: 0 })
      .execute();
    const { numAffectedRows } = await sql`
      INSERT INTO pricelist_rows (pricelist_id, position, part_number, vendor, name, price, quantity)
      SELECT CAST(${id} AS TEXT), ROW_NUMBER() OVER (ORDER BY c.part_number), c.part_number, c.vendor, c.name, s.price, s.quantity
      FROM (${sql.raw(SOURCE_ROWS[input.source])}) s JOIN components c ON c.id = s.component_id`.execute(trx);
    const changes = Number(numAffectedRows ?? 0);
    await trx.updateTable("pricelists").set({ row_count: changes }).where("id", "=", id).execute();
    return changes;
  });
  opts.progress(99, text("pricelist.created", { rows }));
  return { pricelistId: id, source: input.source, rows };
}
