import { type TaskResult, text } from "@tasklane/contract";
import type { CompiledQuery } from "kysely";
import { sql } from "./db/kysely.ts";
import { throwIfAborted, type WorkContext } from "./context.ts";
import type { PricingDb } from "./db/database.ts";
import { recalculationTransaction } from "./db/write-transactions.ts";
import { roundPrice } from "./prices.ts";

type RecalculateResult = TaskResult<"recalculate">;

export interface RecalculateOptions extends WorkContext {
  /** When priceUpdatedAt is set; injectable for tests. */
  now?: () => Date;
}

interface OfferTotals {
  id: number;
  price: number | null;
  /** sum(price × quantity) and sum(quantity) over the stock offers that count. */
  amount: number;
  quantity: number;
}

/**
 * Prices set per UPDATE: 2 parameters a row, inside both engines' limits (SQLite 32,766,
 * PostgreSQL 65,535). PostgreSQL joins each batch to components by a full scan, so fewer,
 * larger batches: 5,000 took 1.2 s over 100,000 components where 1,000 took 1.8 s.
 */
const ROWS_PER_UPDATE = 5_000;

/**
 * Sets each component's price to the quantity-weighted average of its stock offers with
 * quantity > 0 and price > 0 (competitor prices do not count), rounded to cents in JS (the
 * rule in prices.ts, the same on both engines). A component without such offers keeps its
 * price. One transaction.
 */
export async function recalculatePrices(db: PricingDb, opts: RecalculateOptions): Promise<RecalculateResult> {
  throwIfAborted(opts.signal);
  opts.progress(0, text("recalculate.started"));
  const updatedAt = (opts.now?.() ?? new Date()).getTime();
  const result = await recalculationTransaction(db, async (trx): Promise<RecalculateResult> => {
    const componentsTotal = Number(
      (
        await trx
          .selectFrom("components")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const { rows: withOffers } = await sql<OfferTotals>`
      SELECT c.id, c.price, o.amount, o.quantity
      FROM components c JOIN (
        SELECT component_id, SUM(price * quantity) AS amount, SUM(quantity) AS quantity
        FROM offers WHERE kind = 'stock' AND quantity > 0 AND price > 0 GROUP BY component_id
      ) o ON o.component_id = c.id`.execute(trx);
    const changed: [id: number, price: number][] = [];
    for (const row of withOffers) {
      const price = roundPrice(row.amount / row.quantity);
      if (price !== row.price) changed.push([row.id, price]);
    }
    const update = (n: number): CompiledQuery =>
      sql`UPDATE components SET price = v.column2, price_updated_at = ${updatedAt}
          FROM (VALUES ${sql.join(Array.from({ length: n }, () => sql`(CAST(${0} AS BIGINT), CAST(${0} AS DOUBLE PRECISION))`))}) AS v
          WHERE components.id = v.column1`.compile(trx);
    const full = update(ROWS_PER_UPDATE);
    for (let i = 0; i < changed.length; i += ROWS_PER_UPDATE) {
      const batch = changed.slice(i, i + ROWS_PER_UPDATE);
      const query = batch.length === ROWS_PER_UPDATE ? full : update(batch.length);
      await trx.executeQuery({ ...query, parameters: [updatedAt, ...batch.flat()] });
    }
    const unchanged = withOffers.length - changed.length;
    return { componentsTotal, updated: changed.length, unchanged, withoutOffers: componentsTotal - withOffers.length };
  });
  opts.progress(99, text("recalculate.updated", { count: result.updated }));
  return result;
}
