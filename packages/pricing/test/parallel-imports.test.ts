import { describe, expect, it, vi } from "vitest";
import { importStock } from "../src/index.ts";
import { dialects, offers, rows, type TestEnv, testEnv, workContext } from "./helpers/env.ts";
import { heldTransaction, importLocks, lockWaits, tracked } from "./helpers/pg-locks.ts";
import { seed } from "./helpers/seed.ts";
import { sql } from "kysely";

const WAIT = { timeout: 10_000, interval: 20 };

let files = 0;

/** Starts an import of `lines` on a connection of its own, as another worker would. */
async function startImport(env: TestEnv, supplier: string, kind: "stock" | "competitor", lines: string[], ctx = workContext()) {
  const filePath = env.file(`${++files}.csv`, `${["PN;Price;Qty;Name;Vendor", ...lines].join("\n")}\n`);
  return tracked(importStock(await env.connect(), { filePath, supplier, kind }, ctx));
}

/**
 * Holds the suppliers row of `supplier` and `kind`, which an import's apply writes last: that
 * import then stays inside its apply, holding its lock, until the returned transaction ends.
 */
async function holdApplyOf(env: TestEnv, supplier: string, kind: "stock" | "competitor") {
  const held = await heldTransaction(env.db);
  await held.run(`SELECT 1 FROM suppliers WHERE name = '${supplier}' AND kind = '${kind}' FOR UPDATE`);
  return held;
}

/** The backend of the import whose apply holds its lock and waits on `held`. */
const heldApply = (env: TestEnv, supplier: string, kind: "stock" | "competitor", heldPid: number) =>
  vi.waitFor(async () => {
    const [lock] = await importLocks(env.db, supplier, kind);
    expect(lock?.granted).toBe(true);
    expect((await lockWaits(env.db)).find((w) => w.pid === lock!.pid)?.blockers).toEqual([heldPid]);
    return lock!.pid;
  }, WAIT);

/**
 * Supplier A with one offer, and an import of A's stock started and held inside its apply (its
 * lock taken, waiting on `held`): what the tests below run other imports beside.
 */
async function heldImportOfA() {
  const env = await testEnv("postgres");
  await seed(env, "A", "stock", [{ pn: "P1", price: 10, qty: 1 }]);
  const held = await holdApplyOf(env, "A", "stock");
  const started = await startImport(env, "A", "stock", ["P1;20;1;;"]);
  return { env, held, import: started, pid: await heldApply(env, "A", "stock", held.pid) };
}

// SQLite has one writer at a time: its imports apply one after another by nature.
describe.skipIf(!dialects.includes("postgres"))("postgres: imports apply side by side", () => {
  it("imports of other suppliers (and of the same supplier's other kind) apply whole while one supplier's apply holds its lock", async () => {
    const { env, held, import: a, pid: aPid } = await heldImportOfA();

    const [b, competitor] = await Promise.all([
      (await startImport(env, "B", "stock", ["P1;11;1;;", "Q1;5;1;;"])).promise,
      (await startImport(env, "A", "competitor", ["P1;12;;;"])).promise,
    ]);
    // Both applied from start to end (an import returns once its apply committed) while A's
    // apply was still open, holding its lock: the applies overlapped.
    expect([b.rowsAfter, competitor.rowsAfter]).toEqual([2, 1]);
    expect(await importLocks(env.db, "A", "stock")).toEqual([{ pid: aPid, granted: true }]);
    expect(a.settled).toBe(false);

    await held.commit();
    expect((await a.promise).rowsAfter).toBe(1);
    expect((await offers(env.db)).map((o) => [o.supplier, o.kind, o.partNumber, o.price])).toEqual([
      ["A", "competitor", "P1", 12],
      ["A", "stock", "P1", 20],
      ["B", "stock", "P1", 11],
      ["B", "stock", "Q1", 5],
    ]);
  });

  it("two imports of one supplier and kind take turns: the second waits for the first's lock and applies after it", async () => {
    const { env, held, import: first, pid: firstPid } = await heldImportOfA();

    const second = await startImport(env, "A", "stock", ["P1;30;1;;", "P2;40;1;;"]);
    await vi.waitFor(async () => {
      const locks = await importLocks(env.db, "A", "stock");
      expect(locks).toEqual([
        { pid: firstPid, granted: true },
        { pid: expect.any(Number), granted: false },
      ]);
      expect((await lockWaits(env.db)).find((w) => w.pid === locks[1]!.pid)?.blockers).toEqual([firstPid]);
    }, WAIT);
    expect(second.settled).toBe(false);

    await held.commit();
    const [one, two] = [await first.promise, await second.promise];
    expect([one.rowsBefore, one.rowsAfter, two.rowsAfter]).toEqual([1, 1, 2]);
    expect((await offers(env.db, "A")).map((o) => [o.partNumber, o.price])).toEqual([
      ["P1", 30],
      ["P2", 40],
    ]);
  });

  it("a second import of one supplier cancelled while it waits for the first's lock stops waiting and ends as cancelled", async () => {
    const { env, held, import: first, pid: firstPid } = await heldImportOfA();

    let controller: AbortController | undefined;
    const ctx = workContext((_percent, _message, c) => (controller = c));
    const second = await startImport(env, "A", "stock", ["P1;30;1;;"], ctx);
    await vi.waitFor(
      async () =>
        expect(await importLocks(env.db, "A", "stock")).toEqual([
          { pid: firstPid, granted: true },
          { pid: expect.any(Number), granted: false },
        ]),
      WAIT,
    );
    const stop = new Error("cancelled by its caller");
    controller!.abort(stop);
    // Its reason, not the cancelled statement's error: the task runner tells a cancel by it.
    await expect(second.promise).rejects.toBe(stop);
    expect(await importLocks(env.db, "A", "stock")).toEqual([{ pid: firstPid, granted: true }]);
    expect(first.settled).toBe(false);

    await held.commit();
    expect((await first.promise).rowsAfter).toBe(1);
    expect((await offers(env.db, "A")).map((o) => [o.partNumber, o.price])).toEqual([["P1", 20]]);
  });

  it("two suppliers' imports that create the same new part numbers in one batch wait in line for them, never in a cycle, and both succeed", async () => {
    const env = await testEnv("postgres");
    const parts = Array.from({ length: 2_000 }, (_, i) => `PN-${String(i).padStart(4, "0")}`);
    // A part number in the middle, inserted and not yet committed: both imports reach it.
    const held = await heldTransaction(env.db);
    await held.run(`INSERT INTO components (part_number, search_text) VALUES ('PN-1000', 'pn-1000\n')`);
    // Opposite file orders: upserted in file order, each would hold part numbers the other needs.
    const a = await startImport(
      env,
      "A",
      "stock",
      parts.map((pn) => `${pn};10;1;;VA`),
    );
    const b = await startImport(
      env,
      "B",
      "stock",
      [...parts].reverse().map((pn) => `${pn};20;1;Name of ${pn};`),
    );
    // One waits for the held part number, the other for the one ahead of it: a line, not a cycle.
    await vi.waitFor(async () => {
      const waits = await lockWaits(env.db);
      expect(waits).toHaveLength(2);
      const front = waits.find((w) => w.blockers.includes(held.pid));
      expect(front?.blockers).toEqual([held.pid]);
      expect(waits.find((w) => w !== front)?.blockers).toEqual([front!.pid]);
    }, WAIT);

    await held.rollback();
    const [one, two] = [await a.promise, await b.promise];
    expect([one.componentsCreated, two.componentsCreated].sort((x, y) => x - y)).toEqual([0, 2_000]);
    expect([one.rowsAfter, two.rowsAfter]).toEqual([2_000, 2_000]);
    // Whichever created a component, the other filled in what it lacked.
    const components = await rows(
      env.db,
      sql<{
        n: number;
        named: number;
        vendored: number;
      }>`SELECT COUNT(*) AS n, COUNT(name) AS named, COUNT(vendor) AS vendored FROM components`,
    );
    expect(components).toEqual([{ n: 2_000, named: 2_000, vendored: 2_000 }]);
  });

  it("an import that meets another writer's new part numbers in crossing order is failed by PostgreSQL's deadlock check and runs again from its first row", async () => {
    const env = await testEnv("postgres");
    // Two batches (2,000 rows each): X in the first, Y in the second.
    const parts = Array.from({ length: 4_000 }, (_, i) => `PN-${String(i).padStart(4, "0")}`);
    const [x, y] = [parts[0]!, parts[3_000]!];
    const deadlocks = async () =>
      (await rows(env.db, sql<{ n: number }>`SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()`))[0]!.n;
    const before = Number(await deadlocks());
    const held = await heldTransaction(env.db);
    // The held writer never runs the deadlock check itself, so the import is the one failed.
    await held.run("SET LOCAL deadlock_timeout = '60s'");
    await held.run(`INSERT INTO components (part_number, vendor, search_text) VALUES ('${y}', 'Held', 'y\n')`);
    const a = await startImport(
      env,
      "A",
      "stock",
      parts.map((pn) => `${pn};10;1;Name ${pn};VA`),
    );
    // The import holds its new X and waits for the held Y.
    await vi.waitFor(async () => expect((await lockWaits(env.db)).map((w) => w.blockers)).toEqual([[held.pid]]), WAIT);
    // Now the held writer wants X: a cycle, which the import's deadlock check breaks by failing it.
    await held.run(`INSERT INTO components (part_number, vendor, search_text) VALUES ('${x}', 'Held', 'x\n')`);
    expect(Number(await deadlocks())).toBe(before + 1);
    // Run again, the import waits for the held X, and once that commits creates the rest.
    await vi.waitFor(async () => expect((await lockWaits(env.db)).map((w) => w.blockers)).toEqual([[held.pid]]), WAIT);
    expect(a.settled).toBe(false);
    await held.commit();
    const result = await a.promise;
    expect([result.componentsCreated, result.rowsAfter]).toEqual([3_998, 4_000]);
    const held2 = await rows(
      env.db,
      sql<{ partNumber: string; vendor: string; name: string }>`
        SELECT part_number AS "partNumber", vendor, name FROM components WHERE vendor = 'Held' ORDER BY part_number`,
    );
    // Theirs, with the name they lacked filled in from the file.
    expect(held2).toEqual([
      { partNumber: x, vendor: "Held", name: `Name ${x}` },
      { partNumber: y, vendor: "Held", name: `Name ${y}` },
    ]);
  });

  // A batch after one that created a component for each of its rows inserts its new components
  // before any look-up; other batches look their rows up first (postgres-staging.ts).
  it.each([
    ["in the first batch", []],
    ["in a batch after one of new part numbers only", Array.from({ length: 2_000 }, (_, i) => `NEW-${i};1;1;New ${i};VN`)],
  ])(
    "a new part number another writer commits while the import waits on it %s is that writer's: the import creates the rest and fills its gaps",
    async (_, before) => {
      const env = await testEnv("postgres");
      // Inserted, not committed: the import's insert of the same part number waits on it.
      const held = await heldTransaction(env.db);
      await held.run(`INSERT INTO components (part_number, vendor, search_text) VALUES ('PN-2', 'Held', 'pn-2\n')`);
      const a = await startImport(env, "A", "stock", [...before, "PN-1;10;1;Name 1;VA", "PN-2;20;2;Name 2;VA", "PN-3;30;3;Name 3;VA"]);
      await vi.waitFor(async () => expect((await lockWaits(env.db)).map((w) => w.blockers)).toEqual([[held.pid]]), WAIT);

      // Committed now: the waiting insert fails on the unique part number, and runs again without it.
      await held.commit();
      const result = await a.promise;
      expect([result.componentsCreated, result.rowsAfter]).toEqual([before.length + 2, before.length + 3]);
      const components = await rows(
        env.db,
        sql<{ partNumber: string; vendor: string; name: string }>`
        SELECT part_number AS "partNumber", vendor, name FROM components WHERE part_number LIKE 'PN-%' ORDER BY part_number`,
      );
      expect(components).toEqual([
        { partNumber: "PN-1", vendor: "VA", name: "Name 1" },
        { partNumber: "PN-2", vendor: "Held", name: "Name 2" },
        { partNumber: "PN-3", vendor: "VA", name: "Name 3" },
      ]);
      expect((await offers(env.db, "A")).filter((o) => o.partNumber.startsWith("PN-")).map((o) => [o.partNumber, o.price])).toEqual([
        ["PN-1", 10],
        ["PN-2", 20],
        ["PN-3", 30],
      ]);
    },
  );
});
