import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Language } from "@tasklane/contract";
import { describe, expect, it } from "vitest";
import {
  EXPORT_HEADER,
  createPricelist,
  getPricelistPage,
  importStock,
  listPricelists,
  pricelistCsvChunks,
  pricelistXlsx,
  recalculatePrices,
} from "../src/index.ts";
import { type TestEnv, dialects, offers, testEnv, workContext } from "./helpers/env.ts";
import { readRows } from "./helpers/read.ts";
import { seed, type SeedOffer } from "./helpers/seed.ts";

const stockA: SeedOffer[] = [
  { pn: "P1", price: 10, qty: 2, name: "Кабель, 5 м", vendor: "V" },
  { pn: "P2", price: 30, qty: 0, name: 'Мышь "Pro"' },
  { pn: "P3", price: 7, qty: 1 },
];
const stockB: SeedOffer[] = [
  { pn: "P1", price: 8, qty: 3 },
  { pn: "P2", price: 25, qty: 0 },
  { pn: "P3", price: 5, qty: 0 },
];
const competitors: [string, SeedOffer[]][] = [
  [
    "X",
    [
      { pn: "P1", price: 9.5 },
      { pn: "P4", price: 100 },
    ],
  ],
  ["Y", [{ pn: "P1", price: 9.4 }]],
];

/** The export's chunks, read to the end; undefined for an unknown pricelist. */
async function csv(env: TestEnv, id: string, language?: Language): Promise<string[] | undefined> {
  const found = await pricelistCsvChunks(env.db, id, language);
  if (!found) return undefined;
  const all: string[] = [];
  for await (const chunk of found.chunks) all.push(chunk);
  return all;
}

describe.each(dialects)("%s", (dialect) => {
  async function seeded() {
    const env = await testEnv(dialect);
    await seed(env, "A", "stock", stockA);
    await seed(env, "B", "stock", stockB);
    for (const [name, rows] of competitors) await seed(env, name, "competitor", rows);
    await recalculatePrices(env.db, workContext());
    return env;
  }

  /** Each source's rule computed in the test, from the seeded offers. */
  function warehouseRows() {
    const all = [...stockA, ...stockB];
    const pns = [...new Set(all.map((o) => o.pn))].sort();
    return pns.flatMap((pn) => {
      const mine = all.filter((o) => o.pn === pn);
      const qty = mine.reduce((s, o) => s + (o.qty ?? 0), 0);
      if (qty <= 0) return [];
      const price = Math.min(...mine.filter((o) => (o.qty ?? 0) > 0).map((o) => o.price));
      return [{ partNumber: pn, price, quantity: qty }];
    });
  }

  describe("createPricelist", () => {
    it("warehouse: components in stock at their lowest offered price, with the total quantity", async () => {
      const env = await seeded();
      const result = await createPricelist(env.db, { source: "warehouse", taskId: null }, workContext());
      const page = (await getPricelistPage(env.db, { id: result.pricelistId }))!;
      expect(result).toEqual({ pricelistId: expect.any(String), source: "warehouse", rows: 2 });
      expect(page.rows.map(({ partNumber, price, quantity }) => ({ partNumber, price, quantity }))).toEqual(warehouseRows());
    });

    it("estimate: every component with a price, at that price", async () => {
      const env = await seeded();
      const taskId = "0b3c8a0e-4a59-4b0e-9a55-6d4b7f0c1e2a";
      const result = await createPricelist(env.db, { source: "estimate", taskId }, workContext());
      const page = (await getPricelistPage(env.db, { id: result.pricelistId }))!;
      // P1: (10×2 + 8×3)/5 = 8.8; P3: 7; P2 no stock, P4 only a competitor price: no price
      expect(page.rows).toEqual([
        { partNumber: "P1", vendor: "V", name: "Кабель, 5 м", price: 8.8, quantity: null },
        { partNumber: "P3", vendor: null, name: null, price: 7, quantity: null },
      ]);
      expect(page.pricelist).toMatchObject({ source: "estimate", taskId, rowCount: 2 });
    });

    it("competitor: the lowest competitor price per component", async () => {
      const env = await seeded();
      const result = await createPricelist(env.db, { source: "competitor", taskId: null }, workContext());
      const page = (await getPricelistPage(env.db, { id: result.pricelistId }))!;
      const expected = [...competitors.flatMap(([, rows]) => rows)].reduce(
        (m, o) => m.set(o.pn, Math.min(m.get(o.pn) ?? Infinity, o.price)),
        new Map<string, number>(),
      );
      expect(page.rows.map((r) => [r.partNumber, r.price, r.quantity])).toEqual(
        [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([pn, price]) => [pn, price, null]),
      );
    });

    it("pages rows and lists pricelists newest first", async () => {
      const env = await testEnv(dialect);
      await seed(
        env,
        "A",
        "stock",
        Array.from({ length: 25 }, (_, i) => ({ pn: `K${String(i).padStart(2, "0")}`, price: i + 1, qty: 1 })),
      );
      await recalculatePrices(env.db, workContext());
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const made = await createPricelist(
          env.db,
          { source: "estimate", taskId: null },
          { ...workContext(), now: () => new Date(1_700_000_000_000 + i * 1000) },
        );
        ids.push(made.pricelistId);
      }
      const partNumbers: string[] = [];
      let cursor: string | undefined;
      do {
        const page = (await getPricelistPage(env.db, { id: ids[0]!, limit: 10, cursor }))!;
        partNumbers.push(...page.rows.map((r) => r.partNumber));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(partNumbers).toEqual(Array.from({ length: 25 }, (_, i) => `K${String(i).padStart(2, "0")}`));

      const first = await listPricelists(env.db, { limit: 2 });
      const second = await listPricelists(env.db, { limit: 2, cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((p) => p.id)).toEqual([...ids].reverse());
      expect(second.nextCursor).toBeNull();
      expect((await listPricelists(env.db, { source: "warehouse" })).items).toEqual([]);
      expect(await getPricelistPage(env.db, { id: "11111111-1111-4111-8111-111111111111" })).toBeUndefined();
      await expect(listPricelists(env.db, { cursor: "not-a-cursor" })).rejects.toThrow(/cursor is not valid/);
    });
  });

  describe("pricelistCsvChunks", () => {
    it("yields a BOM, a header and quoted fields, in chunks", async () => {
      const env = await seeded();
      const { pricelistId } = await createPricelist(env.db, { source: "warehouse", taskId: null }, workContext());
      const chunks = (await csv(env, pricelistId))!;
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join("")).toBe("\uFEFFPart number,Vendor,Name,Price,Quantity\r\n" + 'P1,V,"Кабель, 5 м",8,5\r\n' + "P3,,,7,1\r\n");
      expect(await pricelistCsvChunks(env.db, "11111111-1111-4111-8111-111111111111")).toBeUndefined();
    });

    it("quotes quotes and line breaks and streams many rows in chunks of 1,000", async () => {
      const env = await testEnv(dialect);
      await seed(env, "A", "stock", [{ pn: "Q1", price: 1.5, qty: 1, name: 'Мышь "Pro"' }]);
      await seed(
        env,
        "B",
        "stock",
        Array.from({ length: 2500 }, (_, i) => ({ pn: `N${i}`, price: 1, qty: 1 })),
      );
      await recalculatePrices(env.db, workContext());
      const { pricelistId } = await createPricelist(env.db, { source: "estimate", taskId: null }, workContext());
      const chunks = (await csv(env, pricelistId))!;
      expect(chunks).toHaveLength(1 + 3);
      expect(chunks.join("")).toContain('Q1,,"Мышь ""Pro""",1.5,\r\n');
      expect(chunks.join("").split("\r\n")).toHaveLength(1 + 2501 + 1);
    });

    it("keeps text that looks like a formula from running as one in a spreadsheet", async () => {
      const env = await testEnv(dialect);
      await seed(env, "A", "stock", [
        { pn: "=HYPERLINK(1)", price: 2, qty: 1, name: "@SUM(A1)" },
        { pn: "OK-1", price: 3, qty: 1, name: "-2+3" },
      ]);
      const { pricelistId } = await createPricelist(env.db, { source: "warehouse", taskId: null }, workContext());
      const text = (await csv(env, pricelistId))!.join("");
      expect(text).toContain("'=HYPERLINK(1),,'@SUM(A1),2,1\r\n");
      expect(text).toContain("OK-1,,'-2+3,3,1\r\n");
    });

    it("in Russian: Russian header names, a semicolon between fields and a decimal comma, as a Russian Excel reads a CSV", async () => {
      const env = await testEnv(dialect);
      await seed(env, "A", "stock", [{ pn: "R1", price: 1234.5, qty: 2.5, name: "Кабель, 5 м", vendor: "Acme" }]);
      const { pricelistId } = await createPricelist(env.db, { source: "warehouse", taskId: null }, workContext());
      const text = (await csv(env, pricelistId, "ru"))!.join("");
      expect(text).toBe("\uFEFFАртикул;Производитель;Наименование;Цена;Количество\r\n" + 'R1;Acme;"Кабель, 5 м";1234,5;2,5\r\n');
      // It reads back through the import as a supplier's file, every field where it was.
      const file = env.file("export-ru.csv", text);
      await importStock(env.db, { filePath: file, supplier: "Back", kind: "stock" }, workContext());
      expect(await offers(env.db, "Back")).toMatchObject([{ partNumber: "R1", price: 1234.5, quantity: 2.5 }]);
    });
  });

  describe("pricelistXlsx", () => {
    it.each(["ru", "en"] as const)(
      "writes an .xlsx (%s header) that reads back: numbers as numbers, every row, Cyrillic intact",
      async (language) => {
        const env = await testEnv(dialect);
        await seed(env, "A", "stock", [
          { pn: "X1", price: 1234.5, qty: 3, name: "Коммутатор «Кабель» =1+1", vendor: "Acme" },
          ...Array.from({ length: 2100 }, (_, i) => ({ pn: `N${String(i).padStart(4, "0")}`, price: i + 0.25, qty: 1 })),
        ]);
        const { pricelistId } = await createPricelist(env.db, { source: "warehouse", taskId: null }, workContext());
        const found = (await pricelistXlsx(env.db, pricelistId, language))!;
        expect(found.pricelist.id).toBe(pricelistId);
        const file = join(env.dir, `export-${language}.xlsx`);
        await pipeline(found.stream, createWriteStream(file));
        const rows = (await readRows(file)).map((r) => r.cells);
        expect(rows[0]).toEqual([...EXPORT_HEADER[language]]);
        expect(rows).toHaveLength(1 + 2101);
        expect(rows.find((r) => r[0] === "X1")).toEqual(["X1", "Acme", "Коммутатор «Кабель» =1+1", "1234.5", "3"]);
        // The same file imported as a supplier's: the header is recognised, the prices are the pricelist's.
        await importStock(env.db, { filePath: file, supplier: "Back", kind: "stock" }, workContext());
        const back = await offers(env.db, "Back");
        expect(back).toHaveLength(2101);
        expect(back.find((o) => o.partNumber === "N0007")).toMatchObject({ price: 7.25, quantity: 1 });
        expect(await pricelistXlsx(env.db, "11111111-1111-4111-8111-111111111111")).toBeUndefined();
      },
    );
  });
});
