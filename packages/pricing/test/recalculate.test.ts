import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { recalculatePrices } from "../src/index.ts";
import { recalculationTransaction, snapshotTransaction } from "../src/db/write-transactions.ts";
import { dialects, testEnv, workContext } from "./helpers/env.ts";
import { flatten, type PlanNode } from "./helpers/plans.ts";
import { prices, seed, type SeedOffer } from "./helpers/seed.ts";

/** The rule, computed independently: sum(price×qty)/sum(qty) over qty>0, price>0, to cents. */
function expected(offers: SeedOffer[]): number | undefined {
  const counted = offers.filter((o) => (o.qty ?? 0) > 0 && o.price > 0);
  if (counted.length === 0) return undefined;
  const amount = counted.reduce((s, o) => s + o.price * o.qty!, 0);
  const qty = counted.reduce((s, o) => s + o.qty!, 0);
  return Math.round((amount / qty) * 100) / 100;
}

describe.each(dialects)("%s", (dialect) => {
  describe("recalculatePrices", () => {
    it("sets the quantity-weighted average of stock offers, ignoring competitors and empty stock", async () => {
      const env = await testEnv(dialect);
      const a: SeedOffer[] = [
        { pn: "W1", price: 100, qty: 1 },
        { pn: "W2", price: 10.01, qty: 3 },
        { pn: "Z", price: 50, qty: 0 },
      ];
      const b: SeedOffer[] = [
        { pn: "W1", price: 200, qty: 3 },
        { pn: "W2", price: 10.02, qty: 4 },
        { pn: "Z", price: 60 },
      ];
      await seed(env, "A", "stock", a);
      await seed(env, "B", "stock", b);
      await seed(env, "C", "competitor", [
        { pn: "W1", price: 1 },
        { pn: "ONLY-COMP", price: 5 },
      ]);
      const now = new Date("2026-11-28T10:00:00Z");
      const result = await recalculatePrices(env.db, { ...workContext(), now: () => now });
      const w1 = expected([a[0]!, b[0]!]);
      const w2 = expected([a[1]!, b[1]!]);
      expect(w1).toBe(175);
      expect(w2).toBe(10.02); // 70.11/7 = 10.0157… rounds up
      expect(await prices(env)).toEqual({ W1: w1, W2: w2, Z: null, "ONLY-COMP": null });
      expect(result).toEqual({ componentsTotal: 4, updated: 2, unchanged: 0, withoutOffers: 2 });
      const updatedAt = await env.db.kysely
        .selectFrom("components")
        .select("price_updated_at")
        .where("part_number", "=", "W1")
        .executeTakeFirstOrThrow();
      expect(updatedAt.price_updated_at).toBe(now.getTime());

      const again = await recalculatePrices(env.db, workContext());
      expect(again).toEqual({ componentsTotal: 4, updated: 0, unchanged: 2, withoutOffers: 2 });
    });

    it("keeps the price of a component whose offers are gone and matches many random offers", async () => {
      const env = await testEnv(dialect);
      const rows: SeedOffer[] = [];
      let seedValue = 7;
      const random = () => (seedValue = (seedValue * 48271) % 2147483647) / 2147483647;
      for (let i = 0; i < 300; i++)
        rows.push({ pn: `R${i % 40}`, price: Math.round(random() * 100000) / 100 + 0.01, qty: Math.floor(random() * 5) });
      await seed(env, "R", "stock", rows);
      await recalculatePrices(env.db, workContext());
      const got = await prices(env);
      for (let c = 0; c < 40; c++) {
        const mine = expected(rows.filter((r) => r.pn === `R${c}`));
        expect(got[`R${c}`]).toBe(mine ?? null);
      }
      // supplier R now stocks nothing: prices stay as they were
      await seed(env, "R", "stock", [{ pn: "R0", price: 1, qty: 0 }]);
      const result = await recalculatePrices(env.db, workContext());
      expect(await prices(env)).toEqual(got);
      expect(result.updated).toBe(0);
      expect(result.withoutOffers).toBe(40);
    });

    it("does nothing once aborted", async () => {
      const env = await testEnv(dialect);
      await seed(env, "A", "stock", [{ pn: "P", price: 3, qty: 1 }]);
      const ctx = workContext();
      const controller = new AbortController();
      controller.abort(new Error("stop"));
      await expect(recalculatePrices(env.db, { ...ctx, signal: controller.signal })).rejects.toThrow("stop");
      expect(await prices(env)).toEqual({ P: null });
    });
  });
});

const spilled = (plan: PlanNode): boolean => flatten(plan).some((n) => (n["Disk Usage"] ?? 0) > 0 || n["Sort Space Type"] === "Disk");

// Recalculation and pricelists aggregate every offer of a kind per component (write-transactions.ts).
describe.skipIf(!dialects.includes("postgres"))("postgres: the snapshot transactions", () => {
  it("aggregate 150,000 components' offers in memory, which the server's default work_mem did on disk", async () => {
    const env = await testEnv("postgres");
    const db = env.db.kysely;
    await sql`INSERT INTO components (part_number, search_text) SELECT 'C-' || i, 'c-' || i FROM generate_series(1, 150000) i`.execute(db);
    await sql`INSERT INTO offers (supplier, kind, component_id, quantity, price, imported_at)
      SELECT s, 'stock', id, 1, id % 100 + 1, 0 FROM components, (VALUES ('A'), ('B')) v(s)`.execute(db);
    await sql`ANALYZE offers`.execute(db);
    const aggregate = sql<{ "QUERY PLAN": [{ Plan: PlanNode }] }>`EXPLAIN (ANALYZE, FORMAT JSON)
      SELECT component_id, SUM(price * quantity), SUM(quantity) FROM offers WHERE kind = 'stock' GROUP BY component_id`;
    const plan = async (run: (body: (trx: typeof db) => Promise<PlanNode>) => Promise<PlanNode>) =>
      run(async (trx) => (await aggregate.execute(trx)).rows[0]!["QUERY PLAN"][0].Plan);
    expect(spilled(await plan((body) => body(db)))).toBe(true);
    expect(spilled(await plan((body) => snapshotTransaction(env.db, body)))).toBe(false);
    expect(spilled(await plan((body) => recalculationTransaction(env.db, body)))).toBe(false);
  });
});
