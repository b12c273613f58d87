import { describe, expect, it, vi } from "vitest";
import { createPricelist, getPricelistPage, importStock, recalculatePrices } from "../src/index.ts";
import { dialects, testEnv, workContext } from "./helpers/env.ts";
import { heldTransaction, importLocks, lockWaits, tracked } from "./helpers/pg-locks.ts";
import { prices, seed } from "./helpers/seed.ts";

const WAIT = { timeout: 10_000, interval: 20 };

// SQLite runs one write transaction at a time, each within one turn of the event loop.
describe.skipIf(!dialects.includes("postgres"))("postgres: recalculations and pricelists read one snapshot", () => {
  it("a recalculation and a pricelist run beside an import's open apply, from the rows before it", async () => {
    const env = await testEnv("postgres");
    await seed(env, "A", "stock", [{ pn: "P1", price: 10, qty: 1 }]);
    await seed(env, "B", "stock", [{ pn: "P2", price: 30, qty: 1 }]);
    await recalculatePrices(env.db, workContext());
    // The apply's last write waits on this row: the import stays inside its apply, uncommitted.
    const held = await heldTransaction(env.db);
    await held.run(`SELECT 1 FROM suppliers WHERE name = 'A' AND kind = 'stock' FOR UPDATE`);
    const csv = env.file("a.csv", "PN;Price;Qty\nP1;50;1\nP3;70;1\n");
    const imported = tracked(importStock(await env.connect(), { filePath: csv, supplier: "A", kind: "stock" }, workContext()));
    const importPid = await vi.waitFor(async () => {
      const [lock] = await importLocks(env.db, "A", "stock");
      expect((await lockWaits(env.db)).find((w) => w.pid === lock?.pid)?.blockers).toEqual([held.pid]);
      return lock!.pid;
    }, WAIT);

    const recalculated = await recalculatePrices(await env.connect(), workContext());
    const pricelist = await createPricelist(await env.connect(), { source: "warehouse", taskId: null }, workContext());
    expect(await importLocks(env.db, "A", "stock")).toEqual([{ pid: importPid, granted: true }]);
    expect(imported.settled).toBe(false);
    expect(recalculated).toEqual({ componentsTotal: 2, updated: 0, unchanged: 2, withoutOffers: 0 });
    const page = (await getPricelistPage(env.db, { id: pricelist.pricelistId }))!;
    expect(page.rows.map((r) => [r.partNumber, r.price])).toEqual([
      ["P1", 10],
      ["P2", 30],
    ]);

    await held.commit();
    await imported.promise;
    await recalculatePrices(env.db, workContext());
    expect(await prices(env)).toEqual({ P1: 50, P2: 30, P3: 70 });
  });

  it("a recalculation counts components and offers of one moment, though an import commits between its reads", async () => {
    const env = await testEnv("postgres");
    await seed(env, "A", "stock", [
      { pn: "P1", price: 10, qty: 1 },
      { pn: "P2", price: 30, qty: 1 },
    ]);
    // The recalculation reads components first, then waits here to read offers.
    const held = await heldTransaction(env.db);
    await held.run("LOCK TABLE offers IN ACCESS EXCLUSIVE MODE");
    const recalculation = tracked(recalculatePrices(await env.connect(), workContext()));
    await vi.waitFor(async () => {
      expect((await lockWaits(env.db)).map((w) => [w.waitEvent, w.blockers])).toEqual([["relation", [held.pid]]]);
    }, WAIT);
    // What an import of supplier C commits meanwhile: a new component, and offers for it and P1.
    await held.run(`INSERT INTO components (part_number, search_text) VALUES ('P3', 'p3\n')`);
    await held.run(`INSERT INTO offers (supplier, kind, component_id, quantity, price, imported_at)
      SELECT 'C', 'stock', id, 1, CASE part_number WHEN 'P1' THEN 50 ELSE 70 END, 1 FROM components WHERE part_number IN ('P1', 'P3')`);
    await held.commit();

    // Read at the moment before C's import: two components, both with offers, at A's prices.
    expect(await recalculation.promise).toEqual({ componentsTotal: 2, updated: 2, unchanged: 0, withoutOffers: 0 });
    expect(await prices(env)).toEqual({ P1: 10, P2: 30, P3: null });
    expect(await recalculatePrices(env.db, workContext())).toEqual({ componentsTotal: 3, updated: 2, unchanged: 1, withoutOffers: 0 });
    expect(await prices(env)).toEqual({ P1: 30, P2: 30, P3: 70 });
  });
});
