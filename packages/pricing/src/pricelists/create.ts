import { randomUUID } from "node:crypto";
import type { PricelistSource, TaskResult } from "@tasklane/contract";
import { formatCount, throwIfAborted, type WorkContext } from "../context.ts";
import type { Database } from "../db/open.ts";

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
  estimate: `SELECT id AS component_id, price, NULL AS quantity FROM components WHERE price IS NOT NULL`,
  // every component in stock, at its lowest offered price, with the total quantity
  warehouse: `SELECT component_id, MIN(price) FILTER (WHERE quantity > 0 AND price > 0) AS price, SUM(quantity) AS quantity
              FROM offers WHERE kind = 'stock' GROUP BY component_id
              HAVING SUM(quantity) > 0 AND price IS NOT NULL`,
  // every component a competitor prices, at the lowest competitor price
  competitor: `SELECT component_id, MIN(price) AS price, NULL AS quantity
               FROM offers WHERE kind = 'competitor' AND price > 0 GROUP BY component_id`,
};

/** Builds a pricelist snapshot from the chosen source in one synchronous transaction. */
export async function createPricelist(
  db: Database,
  input: PricelistCreateInput,
  opts: PricelistCreateOptions,
): Promise<PricelistCreateResult> {
  throwIfAborted(opts.signal);
  opts.progress(0, `Creating a ${input.source} pricelist`);
  const id = randomUUID();
  const createdAt = (opts.now?.() ?? new Date()).getTime();
  const rows = db.transaction((): number => {
    db.prepare("INSERT INTO pricelists (id, source, created_at, task_id, row_count) VALUES (?, ?, ?, ?, 0)").run(
      id,
      input.source,
      createdAt,
      input.taskId,
    );
    const { changes } = db
      .prepare(
        `INSERT INTO pricelist_rows (pricelist_id, position, part_number, vendor, name, price, quantity)
         SELECT ?, row_number() OVER (ORDER BY c.part_number), c.part_number, c.vendor, c.name, s.price, s.quantity
         FROM (${SOURCE_ROWS[input.source]}) s JOIN components c ON c.id = s.component_id`,
      )
      .run(id);
    db.prepare("UPDATE pricelists SET row_count = ? WHERE id = ?").run(changes, id);
    return changes;
  })();
  opts.progress(99, `Created a pricelist of ${formatCount(rows)} rows`);
  return { pricelistId: id, source: input.source, rows };
}
