import type { TaskResult } from "@tasklane/contract";
import { formatCount, throwIfAborted, type WorkContext } from "./context.ts";
import type { Database } from "./db/open.ts";
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
 * Sets each component's price to the quantity-weighted average of its stock offers with
 * quantity > 0 and price > 0 (competitor prices do not count), rounded to cents. A
 * component without such offers keeps its price. One synchronous transaction.
 */
export async function recalculatePrices(db: Database, opts: RecalculateOptions): Promise<RecalculateResult> {
  throwIfAborted(opts.signal);
  opts.progress(0, "Recalculating prices");
  const updatedAt = (opts.now?.() ?? new Date()).getTime();
  const select = db.prepare<[], OfferTotals>(
    `SELECT c.id, c.price, o.amount, o.quantity
     FROM components c JOIN (
       SELECT component_id, SUM(price * quantity) AS amount, SUM(quantity) AS quantity
       FROM offers WHERE kind = 'stock' AND quantity > 0 AND price > 0 GROUP BY component_id
     ) o ON o.component_id = c.id`,
  );
  const update = db.prepare<[number, number, number]>("UPDATE components SET price = ?, price_updated_at = ? WHERE id = ?");
  const result = db.transaction((): RecalculateResult => {
    const componentsTotal = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM components").get()!.n;
    const withOffers = select.all();
    let updated = 0;
    for (const row of withOffers) {
      const price = roundPrice(row.amount / row.quantity);
      if (price === row.price) continue;
      update.run(price, updatedAt, row.id);
      updated++;
    }
    const unchanged = withOffers.length - updated;
    return { componentsTotal, updated, unchanged, withoutOffers: componentsTotal - withOffers.length };
  })();
  opts.progress(99, `Updated ${formatCount(result.updated)} prices`);
  return result;
}
