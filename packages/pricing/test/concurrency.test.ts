import { describe, expect, it, vi } from "vitest";
import { createPricelist, importStock, listComponents, recalculatePrices } from "../src/index.ts";
import { dialects, testEnv, workContext } from "./helpers/env.ts";
import { heldTransaction, lockWaits, tracked } from "./helpers/pg-locks.ts";
import { prices, seed } from "./helpers/seed.ts";

const WAIT = { timeout: 10_000, interval: 20 };

/** Supplier C's file: 5,000 rows over P1–P4, one in stock each. */
const offersOfC = Array.from({ length: 5_000 }, (_, i) => ({ pn: `P${(i % 4) + 1}`, price: (i % 50) + 1, qty: 1 }));
const stockOfA = [
  { pn: "P1", price: 10, qty: 2 },
  { pn: "P2", price: 30, qty: 0 },
];

/** The recalculation rule over both suppliers, computed here: sum(price×qty)/sum(qty) over qty>0, to cents. */
function expectedPrices(): Record<string, number> {
  const totals = new Map<string, { amount: number; qty: number }>();
  for (const o of [...stockOfA, ...offersOfC].filter((o) => o.qty > 0)) {
    const t = totals.get(o.pn) ?? { amount: 0, qty: 0 };
    totals.set(o.pn, { amount: t.amount + o.price * o.qty, qty: t.qty + o.qty });
  }
  return Object.fromEntries([...totals].map(([pn, t]) => [pn, Math.round((t.amount / t.qty) * 100) / 100]));
}

describe.each(dialects)("%s", (dialect) => {
  describe("pricing writers in several processes", () => {
    it("an import, a recalculation and a pricelist from three connections at once all finish, each whole", async () => {
      const env = await testEnv(dialect);
      await seed(env, "A", "stock", stockOfA);
      const csv = `PN;Price;Qty\n${offersOfC.map((o) => `${o.pn};${o.price};${o.qty}`).join("\n")}\n`;
      const [second, third] = [await env.connect(), await env.connect()];
      const [imported, , pricelist] = await Promise.all([
        importStock(env.db, { filePath: env.file("c.csv", csv), supplier: "C", kind: "stock" }, workContext()),
        recalculatePrices(second, workContext()),
        createPricelist(third, { source: "warehouse", taskId: null }, workContext()),
      ]);
      expect(imported.imported).toBe(5_000);
      // A snapshot from before the import (P1) or after it (P1–P4), never part of it.
      expect([1, 4]).toContain(pricelist.rows);
      // Whatever order the writers took, one more recalculation lands where a lone one would.
      await recalculatePrices(env.db, workContext());
      expect(await prices(env)).toEqual(expectedPrices());
    });
  });
});

// SQLite has one writer anyway, and a transaction there never spans a turn of the event loop.
describe.skipIf(!dialects.includes("postgres"))("postgres: the recalculation lock", () => {
  it("makes a second recalculation wait for the first, and then read what the first wrote; readers never wait", async () => {
    const env = await testEnv("postgres");
    await seed(env, "A", "stock", [{ pn: "P1", price: 10, qty: 2 }]);
    // The first recalculation's update of P1 waits on this row lock, with its own lock held.
    const held = await heldTransaction(env.db);
    await held.run("SELECT 1 FROM components WHERE part_number = 'P1' FOR UPDATE");
    const first = tracked(recalculatePrices(await env.connect(), workContext()));
    const firstPid = await vi.waitFor(async () => {
      const [wait] = await lockWaits(env.db);
      expect(wait?.blockers).toEqual([held.pid]);
      return wait!.pid;
    }, WAIT);
    const second = tracked(recalculatePrices(await env.connect(), workContext()));
    await vi.waitFor(async () => {
      const waits = await lockWaits(env.db);
      expect(waits.find((w) => w.pid !== firstPid)).toMatchObject({ waitEvent: "advisory", blockers: [firstPid] });
    }, WAIT);
    expect((await listComponents(env.db, {})).items.map((c) => [c.partNumber, c.price])).toEqual([["P1", null]]);
    expect(second.settled).toBe(false);

    await held.commit();
    expect(await first.promise).toMatchObject({ updated: 1 });
    expect(await second.promise).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await prices(env)).toEqual({ P1: 10 });
  });
});
