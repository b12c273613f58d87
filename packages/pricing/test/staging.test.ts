import { describe, expect, it } from "vitest";
import type { StagedRow } from "../src/import/rows.ts";
import { openStaging } from "../src/import/stager.ts";
import type { PricingDb } from "../src/index.ts";
import { dialects, offers, stagingTables, testEnv } from "./helpers/env.ts";

const row = (rowNumber: number, partNumber: string, more: Partial<StagedRow> = {}): StagedRow => ({
  rowNumber,
  partNumber,
  vendor: null,
  name: null,
  category: null,
  quantity: 1,
  price: 10,
  ...more,
});

/** Stages the rows in two batches and applies them as supplier A's stock. */
async function stageAndApply(db: PricingDb, rows: StagedRow[]): Promise<number> {
  const staging = await openStaging(db, { supplier: "A", kind: "stock", importedAt: 1 });
  try {
    await staging.write(rows.slice(0, 1));
    await staging.write(rows.slice(1));
    await staging.finish();
    return (await staging.apply()).created;
  } finally {
    await staging.close();
  }
}

const categories = (db: PricingDb) =>
  db.kysely.selectFrom("components").select(["part_number", "category"]).orderBy("part_number").execute();

describe.each(dialects)("%s", (dialect) => {
  describe("staging", () => {
    it("stores a category where a component has none, the first staged row with one winning, and keeps one it has", async () => {
      const env = await testEnv(dialect);
      await env.db.kysely.insertInto("components").values({ part_number: "OLD", category: "Кабели", search_text: "old\n" }).execute();
      const created = await stageAndApply(env.db, [
        row(2, "NEW"),
        row(3, "NEW", { category: "Серверы" }),
        row(4, "NEW", { category: "Диски" }),
        row(5, "OLD", { category: "Диски" }),
        row(6, "BARE"),
      ]);
      expect(created).toBe(2);
      expect(await categories(env.db)).toEqual([
        { part_number: "BARE", category: null },
        { part_number: "NEW", category: "Серверы" },
        { part_number: "OLD", category: "Кабели" },
      ]);
      expect(await stagingTables(env.db)).toBe(0);
    });

    it("carries text with tabs, line breaks and backslashes, and empty fields as null, unchanged", async () => {
      const env = await testEnv(dialect);
      // Σ ends a word in the part number (ς), and begins one after a tab, a letter in an escape (σ).
      const name = "a\tb\nc\r\\N \\ d\tΣ";
      await stageAndApply(env.db, [row(2, "T\\ΑΣ", { name, vendor: "V\t", quantity: null, price: 1.25 })]);
      const component = await env.db.kysely
        .selectFrom("components")
        .select(["part_number", "vendor", "name", "search_text"])
        .executeTakeFirstOrThrow();
      expect(component).toEqual({ part_number: "T\\ΑΣ", vendor: "V\t", name, search_text: "t\\ας\na\tb\nc\r\\n \\ d\tσ" });
      expect(await offers(env.db)).toEqual([{ partNumber: "T\\ΑΣ", supplier: "A", kind: "stock", quantity: null, price: 1.25 }]);
    });

    it("carries a batch of megabytes of text in two- and four-byte characters unchanged", async () => {
      // PostgreSQL encodes a batch into a buffer that grows as it fills (about 2 MB here).
      const rows = Array.from({ length: 1_500 }, (_, i) =>
        row(i + 2, `P${String(i).padStart(4, "0")}`, { name: `${"Ж".repeat(i % 700)}😀\\${i}`, vendor: "ё".repeat(200) }),
      );
      const env = await testEnv(dialect);
      expect(await stageAndApply(env.db, rows)).toBe(rows.length);
      const stored = await env.db.kysely
        .selectFrom("components")
        .select(["part_number", "vendor", "name"])
        .orderBy("part_number")
        .execute();
      expect(stored).toEqual(rows.map((r) => ({ part_number: r.partNumber, vendor: r.vendor, name: r.name })));
    });

    it("keeps a supplier's name with quotes and backslashes as it is (the batch statements carry it as a literal)", async () => {
      const env = await testEnv(dialect);
      const supplier = `O'Brien \\ "Ко" \\'; --`;
      const staging = await openStaging(env.db, { supplier, kind: "stock", importedAt: 1 });
      try {
        await staging.write([row(2, "P1")]);
        await staging.finish();
        expect(await staging.apply()).toEqual({ created: 1, offers: 1 });
      } finally {
        await staging.close();
      }
      expect((await offers(env.db)).map((o) => o.supplier)).toEqual([supplier]);
    });

    it("an apply that fails leaves the supplier's rows as they were and drops the staging table", async () => {
      const env = await testEnv(dialect);
      await stageAndApply(env.db, [row(2, "KEEP")]);
      // A kind the offers table refuses: SQLite's apply fails, PostgreSQL's first batch.
      const staging = await openStaging(env.db, { supplier: "A", kind: "nonsense" as never, importedAt: 1 });
      const failing = (async () => {
        await staging.write([row(2, "LOST")]);
        await staging.finish();
        await staging.apply();
      })();
      await expect(failing).rejects.toThrow();
      await staging.close();
      expect((await offers(env.db)).map((o) => o.partNumber)).toEqual(["KEEP"]);
      expect(await stagingTables(env.db)).toBe(0);
    });

    it("rows staged and never applied (a cancelled import) leave the supplier's rows and the catalogue as they were", async () => {
      const env = await testEnv(dialect);
      await stageAndApply(env.db, [row(2, "KEEP")]);
      const staging = await openStaging(env.db, { supplier: "A", kind: "stock", importedAt: 2 });
      await staging.write([row(2, "NEW-1")]);
      await staging.write([row(3, "NEW-2"), row(4, "KEEP", { name: "filled" })]);
      await staging.finish();
      await staging.close();
      expect(await offers(env.db)).toEqual([{ partNumber: "KEEP", supplier: "A", kind: "stock", quantity: 1, price: 10 }]);
      const components = await env.db.kysely.selectFrom("components").select(["part_number", "name"]).execute();
      expect(components).toEqual([{ part_number: "KEEP", name: null }]);
      expect(await stagingTables(env.db)).toBe(0);
    });
  });
});
