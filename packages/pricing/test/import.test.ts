import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importStock, listComponents, type PricingDb, StockFileError } from "../src/index.ts";
import { sql } from "kysely";
import { offers, rows, stagingTables, dialects, testEnv, workContext } from "./helpers/env.ts";
import { MXL8_HEADER, mxl8 } from "./helpers/mxl.ts";
import { rawXlsx } from "./helpers/xlsx.ts";

const component = (db: PricingDb, partNumber: string) =>
  db.kysely.selectFrom("components").select(["part_number", "vendor", "name"]).where("part_number", "=", partNumber).executeTakeFirst();

describe.each(dialects)("%s", (dialect) => {
  describe("importStock", () => {
    it("imports a semicolon CSV with BOM, Russian headers and Russian numbers", async () => {
      const env = await testEnv(dialect);
      const file = env.file(
        "stock.csv",
        "\uFEFFАртикул;Наименование;Производитель;Остаток;Цена\r\n" +
          ' ab-1 ;"Кабель ""UTP""; 5 м";Hyperline;1 000;1 234,56\r\n' +
          "AB-2;Мышь;Logitech;;99\r\n",
      );
      const result = await importStock(env.db, { filePath: file, supplier: "Ромашка", kind: "stock" }, workContext());
      expect(result).toEqual({
        rowsTotal: 2,
        imported: 2,
        skipped: 0,
        componentsCreated: 2,
        skippedRows: [],
        rowsBefore: 0,
        rowsAfter: 2,
        mapping: {
          source: "detected",
          used: { columns: { partNumber: "Артикул", name: "Наименование", vendor: "Производитель", quantity: "Остаток", price: "Цена" } },
          saved: false,
        },
      });
      expect(await offers(env.db)).toEqual([
        { partNumber: "AB-1", supplier: "Ромашка", kind: "stock", quantity: 1000, price: 1234.56 },
        { partNumber: "AB-2", supplier: "Ромашка", kind: "stock", quantity: 0, price: 99 },
      ]);
      expect(await component(env.db, "AB-1")).toEqual({ part_number: "AB-1", vendor: "Hyperline", name: 'Кабель "UTP"; 5 м' });
    });

    it("imports a comma CSV without BOM, with quoted line breaks and English headers", async () => {
      const env = await testEnv(dialect);
      const file = env.file("c.csv", 'SKU,Name,Brand,Qty,Price\nX1,"Line one\nline two",Acme,3,"1,234.50"\nX2,,,,7.5\n');
      const result = await importStock(env.db, { filePath: file, supplier: "Acme", kind: "competitor" }, workContext());
      expect(result.imported).toBe(2);
      expect(await offers(env.db)).toEqual([
        { partNumber: "X1", supplier: "Acme", kind: "competitor", quantity: null, price: 1234.5 },
        { partNumber: "X2", supplier: "Acme", kind: "competitor", quantity: null, price: 7.5 },
      ]);
      expect(await component(env.db, "X1")).toMatchObject({ name: "Line one\nline two" });
    });

    it("finds a header on row 3 of a hand-written xlsx and reports skipped rows by their spreadsheet number", async () => {
      const env = await testEnv(dialect);
      const file = env.file(
        "s.xlsx",
        rawXlsx({
          sheetFirst: true,
          rows: [
            { r: 1, cells: ["Прайс-лист на 01.12"] },
            { r: 3, cells: ["PN", "Name", "Stock", "Price, руб."] },
            { r: 4, cells: ["p1", { inline: "Сервер" }, 2, { text: "10,5" }] },
            { r: 5, cells: ["", "без артикула", 1, 3] },
            { r: 6, cells: ["p2", "x", 1, "abc"] },
            { r: 7, cells: ["p3", "x", -1, 3] },
            { r: 8, cells: [null, null, null, null] },
            { r: 9, cells: ["p4", "x", "много", 3] },
            { r: 10, cells: ["p5", "x", 1, 0] },
            { r: 11, cells: ["p6", "x", "около 5", 3] },
          ],
        }),
      );
      const result = await importStock(env.db, { filePath: file, supplier: "S", kind: "stock" }, workContext());
      // "много" (many) is stock without a count: IN_STOCK_QUANTITY; "около 5" (about 5) is no rule's word.
      expect(result).toMatchObject({
        rowsTotal: 7,
        imported: 2,
        skipped: 5,
        componentsCreated: 2,
        skippedRows: [
          { row: 5, sheet: "Остатки", reason: "part number is empty" },
          { row: 6, sheet: "Остатки", reason: "price is not a positive number: 'abc'" },
          { row: 7, sheet: "Остатки", reason: "quantity is negative: '-1'" },
          { row: 10, sheet: "Остатки", reason: "price is not a positive number: '0'" },
          { row: 11, sheet: "Остатки", reason: "quantity is not a number: 'около 5'" },
        ],
      });
      expect((await offers(env.db, "S")).map((o) => [o.partNumber, o.quantity])).toEqual([
        ["P1", 2],
        ["P4", 1],
      ]);
    });

    it("imports an exceljs workbook and a hand-made 1C 8.x mxl", async () => {
      const env = await testEnv(dialect);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Склад");
      ws.addRow(["Артикул", "Наименование", "Количество", "Цена"]);
      ws.addRow(["E-1", "Коммутатор", 4, 25000]);
      ws.addRow(["E-2", "Маршрутизатор", "2", "1 500,00"]);
      await wb.xlsx.writeFile(`${env.dir}/e.xlsx`);
      const fromExcel = await importStock(env.db, { filePath: `${env.dir}/e.xlsx`, supplier: "E", kind: "stock" }, workContext());
      expect(fromExcel).toMatchObject({ rowsTotal: 2, imported: 2 });

      const mxl = env.file(
        "m.mxl",
        mxl8([
          ["Артикул", "Цена", "Остаток"],
          ["E-1", "24 000", "1"],
          ["M-9", "10", "2"],
        ]),
      );
      const fromMxl = await importStock(env.db, { filePath: mxl, supplier: "M", kind: "stock" }, workContext());
      expect(fromMxl).toMatchObject({ rowsTotal: 2, imported: 2, skipped: 0, componentsCreated: 1, skippedRows: [] });
      expect(await offers(env.db, "M")).toEqual([
        { partNumber: "E-1", supplier: "M", kind: "stock", quantity: 1, price: 24000 },
        { partNumber: "M-9", supplier: "M", kind: "stock", quantity: 2, price: 10 },
      ]);
    });

    it("stores every Cyrillic name of a long xlsx exactly, with progress by bytes", async () => {
      const env = await testEnv(dialect);
      const names = Array.from({ length: 12_000 }, (_, i) => `Жёсткий диск «Щ${"ю".repeat(i % 5)}» №${i}`);
      const file = env.file(
        "long.xlsx",
        rawXlsx({
          rows: [
            { r: 1, cells: ["Артикул", "Наименование", "Цена"] },
            ...names.map((name, i) => ({ r: i + 2, cells: [`D${i}`, i % 2 ? name : { inline: name }, 10 + i] })),
          ],
        }),
      );
      const ctx = workContext();
      const result = await importStock(env.db, { filePath: file, supplier: "A", kind: "stock" }, ctx);
      expect(result).toMatchObject({ rowsTotal: names.length, imported: names.length, componentsCreated: names.length });
      const stored = (await env.db.kysely.selectFrom("components").select(["part_number as pn", "name"]).execute()) as {
        pn: string;
        name: string;
      }[];
      const byPn = new Map(stored.map((r) => [r.pn, r.name]));
      names.forEach((name, i) => expect(byPn.get(`D${i}`)).toBe(name));
      expect(stored.some((r) => r.name.includes("\uFFFD"))).toBe(false);
      const reading = ctx.calls.filter((c) => c.message.startsWith("Reading rows"));
      expect(reading.length).toBeGreaterThanOrEqual(6);
      expect(reading.at(-1)!.percent).toBeGreaterThan(80);
    });

    it("replaces only that supplier's rows of that kind", async () => {
      const env = await testEnv(dialect);
      const run = (name: string, supplier: string, kind: "stock" | "competitor", csv: string) =>
        importStock(env.db, { filePath: env.file(name, csv), supplier, kind }, workContext());
      await run("1.csv", "A", "stock", "PN,Price,Qty\nP1,10,1\nP2,20,2\n");
      await run("2.csv", "A", "competitor", "PN,Price\nP1,11\n");
      await run("3.csv", "B", "stock", "PN,Price,Qty\nP1,12,5\n");
      await run("4.csv", "A", "stock", "PN,Price,Qty\nP3,30,3\n");
      expect(await offers(env.db)).toEqual([
        { partNumber: "P1", supplier: "A", kind: "competitor", quantity: null, price: 11 },
        { partNumber: "P3", supplier: "A", kind: "stock", quantity: 3, price: 30 },
        { partNumber: "P1", supplier: "B", kind: "stock", quantity: 5, price: 12 },
      ]);
    });

    it("fills vendor and name of an existing component only where they are empty", async () => {
      const env = await testEnv(dialect);
      await importStock(env.db, { filePath: env.file("1.csv", "PN,Price,Name\nP1,10,\n"), supplier: "A", kind: "stock" }, workContext());
      await importStock(
        env.db,
        { filePath: env.file("2.csv", "PN,Price,Name,Vendor\nP1,10,Имя,V1\n"), supplier: "B", kind: "stock" },
        workContext(),
      );
      await importStock(
        env.db,
        { filePath: env.file("3.csv", "PN,Price,Name,Vendor\nP1,10,Другое,V2\n"), supplier: "C", kind: "stock" },
        workContext(),
      );
      expect(await component(env.db, "P1")).toEqual({ part_number: "P1", vendor: "V1", name: "Имя" });
    });

    it("reports progress below 100 with messages about reading and saving", async () => {
      const env = await testEnv(dialect);
      const lines = Array.from({ length: 5_000 }, (_, i) => `P${i},${i + 1},1`).join("\n");
      const ctx = workContext();
      await importStock(env.db, { filePath: env.file("p.csv", `PN,Price,Qty\n${lines}\n`), supplier: "A", kind: "stock" }, ctx);
      expect(ctx.calls.map((c) => c.message)).toContain("Reading rows: 2,000");
      expect(ctx.calls.at(-2)?.message).toBe("Saving 5,000 rows");
      expect(ctx.calls.every((c) => c.percent >= 0 && c.percent < 100)).toBe(true);
      const percents = ctx.calls.map((c) => c.percent);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
    });

    it("an abort mid-file leaves the previous rows and no staging rows", async () => {
      const env = await testEnv(dialect);
      await importStock(env.db, { filePath: env.file("old.csv", "PN,Price\nOLD,1\n"), supplier: "A", kind: "stock" }, workContext());
      const lines = Array.from({ length: 10_000 }, (_, i) => `N${i},5`).join("\n");
      const ctx = workContext((_p, message, controller) => {
        if (message === "Reading rows: 4,000") controller.abort(new Error("cancelled by test"));
      });
      await expect(
        importStock(env.db, { filePath: env.file("new.csv", `PN,Price\n${lines}\n`), supplier: "A", kind: "stock" }, ctx),
      ).rejects.toThrow("cancelled by test");
      expect(await offers(env.db)).toEqual([{ partNumber: "OLD", supplier: "A", kind: "stock", quantity: 0, price: 1 }]);
      expect(await stagingTables(env.db)).toBe(0);
      expect(await component(env.db, "N1")).toBeUndefined();
    });

    it("an abort while an xlsx streams in closes the file and keeps the previous rows", async () => {
      const env = await testEnv(dialect);
      await importStock(env.db, { filePath: env.file("old.csv", "PN,Price\nOLD,1\n"), supplier: "A", kind: "stock" }, workContext());
      const rows = Array.from({ length: 8_000 }, (_, i) => ({ r: i + 2, cells: [`X${i}`, 5] as (string | number)[] }));
      const file = env.file("big.xlsx", rawXlsx({ rows: [{ r: 1, cells: ["PN", "Price"] }, ...rows] }));
      const ctx = workContext((_p, message, controller) => {
        if (message === "Reading rows: 2,000") controller.abort(new DOMException("Cancelled", "AbortError"));
      });
      await expect(importStock(env.db, { filePath: file, supplier: "A", kind: "stock" }, ctx)).rejects.toThrow("Cancelled");
      expect((await offers(env.db)).map((o) => o.partNumber)).toEqual(["OLD"]);
      expect(await stagingTables(env.db)).toBe(0);
    });

    it("a failure late in the file leaves the previous rows and no staging rows", async () => {
      const env = await testEnv(dialect);
      await importStock(env.db, { filePath: env.file("old.csv", "PN,Price\nOLD,1\n"), supplier: "A", kind: "stock" }, workContext());
      const lines = Array.from({ length: 6_000 }, (_, i) => `N${i},5`).join("\n");
      const broken = env.file("broken.csv", `PN,Price\n${lines}\n"unclosed,1\n`);
      await expect(importStock(env.db, { filePath: broken, supplier: "A", kind: "stock" }, workContext())).rejects.toThrow(
        /quoted field that starts on row 6002 and is never closed/,
      );
      expect((await offers(env.db)).map((o) => o.partNumber)).toEqual(["OLD"]);
      expect(await stagingTables(env.db)).toBe(0);
    });

    it("a part number listed twice: the first row with a vendor gives the vendor, the first with a name the name", async () => {
      const env = await testEnv(dialect);
      const file = env.file("dup.csv", "PN;Price;Qty;Name;Vendor\nD-1;10;1;;\nd-1;12;2;Второе имя;Acme\nD-1;11;3;Третье;Other\n");
      const result = await importStock(env.db, { filePath: file, supplier: "A", kind: "stock" }, workContext());
      expect(result).toMatchObject({ imported: 3, componentsCreated: 1 });
      expect(await component(env.db, "D-1")).toEqual({ part_number: "D-1", vendor: "Acme", name: "Второе имя" });
      expect((await offers(env.db)).map((o) => o.price)).toEqual([10, 11, 12]);
    });

    it("a part number listed again batches later fills what its first row lacked, and no more", async () => {
      const env = await testEnv(dialect);
      // 2,000 rows a batch (stock-import.ts): D-1 first in the first batch without a name or
      // vendor, then with both in the third batch, then with others in the fourth.
      const filler = (from: number) => Array.from({ length: 2_500 }, (_, i) => `F${from + i};1;1;;`);
      const lines = ["D-1;10;1;;", ...filler(0), "D-1;11;1;Позже;Acme", ...filler(2_500), "D-1;12;1;Ещё позже;Other"];
      const file = env.file("later.csv", `PN;Price;Qty;Name;Vendor\n${lines.join("\n")}\n`);
      const result = await importStock(env.db, { filePath: file, supplier: "A", kind: "stock" }, workContext());
      expect(result).toMatchObject({ imported: 5_003, componentsCreated: 5_001 });
      expect(await component(env.db, "D-1")).toEqual({ part_number: "D-1", vendor: "Acme", name: "Позже" });
      const found = await listComponents(env.db, { search: "позже" });
      expect(found.items.map((c) => c.partNumber)).toEqual(["D-1"]);
    });

    it("a run whose connection dies mid-file leaves nothing staged, and its rerun lands whole", async () => {
      const env = await testEnv(dialect);
      await importStock(env.db, { filePath: env.file("old.csv", "PN;Price\nOLD;1\n"), supplier: "A", kind: "stock" }, workContext());
      const file = env.file("big.csv", `PN;Price;Qty\n${Array.from({ length: 6_000 }, (_, i) => `R${i};5;1`).join("\n")}\n`);
      const dying = await env.connect();
      // What a worker that dies does to its connection: gone, with the import half staged.
      const die = async () => {
        if (dying.sqlite) dying.sqlite.close();
        else
          await rows(
            env.db,
            sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
          );
      };
      let died: Promise<void> | undefined;
      const run = importStock(
        dying,
        { filePath: file, supplier: "A", kind: "stock" },
        workContext((_, message) => {
          if (message === "Reading rows: 4,000") died ??= die();
        }),
      );
      await expect(run).rejects.toThrow();
      await died;
      expect(await stagingTables(env.db)).toBe(0);
      expect((await offers(env.db)).map((o) => o.partNumber)).toEqual(["OLD"]);
      const result = await importStock(env.db, { filePath: file, supplier: "A", kind: "stock" }, workContext());
      expect(result).toMatchObject({ imported: 6_000, componentsCreated: 6_000 });
      expect(await offers(env.db)).toHaveLength(6_000);
      expect(await stagingTables(env.db)).toBe(0);
    });

    it("two imports of different suppliers from two connections at once both land whole", async () => {
      const env = await testEnv(dialect);
      const other = await env.connect();
      // Overlapping part numbers, listed twice each: both swaps create and update the same components.
      const lines = (price: number) =>
        Array.from({ length: 6_000 }, (_, i) => `S${i % 3_000};${price};${i % 5};Name ${i % 3_000}`).join("\n");
      const a = env.file("a.csv", `PN;Price;Qty;Name\n${lines(10)}\n`);
      const b = env.file("b.csv", `PN;Price;Qty;Name\n${lines(20)}\n`);
      const [ra, rb] = await Promise.all([
        importStock(env.db, { filePath: a, supplier: "A", kind: "stock" }, workContext()),
        importStock(other, { filePath: b, supplier: "B", kind: "stock" }, workContext()),
      ]);
      expect([ra.imported, rb.imported]).toEqual([6_000, 6_000]);
      expect(ra.componentsCreated + rb.componentsCreated).toBe(3_000);
      const landed = await offers(env.db);
      expect(landed.filter((o) => o.supplier === "A" && o.price === 10)).toHaveLength(6_000);
      expect(landed.filter((o) => o.supplier === "B" && o.price === 20)).toHaveLength(6_000);
      expect(await component(env.db, "S2999")).toEqual({ part_number: "S2999", vendor: null, name: "Name 2999" });
      expect(await stagingTables(env.db)).toBe(0);
    });

    it("two imports of one supplier at once: one replaces the other whole, never a mix", async () => {
      const env = await testEnv(dialect);
      const other = await env.connect();
      const file = (name: string, price: number) =>
        env.file(name, `PN;Price;Qty\n${Array.from({ length: 5_000 }, (_, i) => `M${i};${price};1`).join("\n")}\n`);
      await Promise.all([
        importStock(env.db, { filePath: file("1.csv", 1), supplier: "A", kind: "stock" }, workContext()),
        importStock(other, { filePath: file("2.csv", 2), supplier: "A", kind: "stock" }, workContext()),
      ]);
      const prices = new Set((await offers(env.db)).map((o) => o.price));
      expect(prices.size).toBe(1);
      expect(await offers(env.db)).toHaveLength(5_000);
    });

    it("enforces maxRows", async () => {
      const env = await testEnv(dialect);
      const file = env.file("m.csv", "PN,Price\nA,1\nB,2\n\nC,3\n");
      await expect(importStock(env.db, { filePath: file, supplier: "A", kind: "stock", maxRows: 2 }, workContext())).rejects.toThrow(
        "The file has more than 2 data rows, the most one import accepts. Split it into smaller files.",
      );
      const ok = await importStock(env.db, { filePath: file, supplier: "A", kind: "stock", maxRows: 3 }, workContext());
      expect(ok.rowsTotal).toBe(3);
    });

    it("names the missing columns", async () => {
      const env = await testEnv(dialect);
      const run = (csv: string) => importStock(env.db, { filePath: env.file("x.csv", csv), supplier: "A", kind: "stock" }, workContext());
      await expect(run("Артикул;Наименование\nA;B\n")).rejects.toThrow(
        "No price column found: expected a header named Цена or Price in the first 50 rows.",
      );
      await expect(run("Name,Price\nA,1\n")).rejects.toThrow(
        "No part number column found: expected a header named Артикул, Part number, PN or SKU in the first 50 rows.",
      );
      await expect(run("a,b\n1,2\n")).rejects.toThrow(/No part number or price column found/);
      const late = Array.from({ length: 55 }, () => "x,y").join("\n");
      await expect(run(`${late}\nPN,Price\nA,1\n`)).rejects.toThrow(StockFileError);
    });

    it("fails clearly on a truncated zip, an empty file, a 7.7 mxl and unknown bytes, keeping previous rows", async () => {
      const env = await testEnv(dialect);
      await importStock(env.db, { filePath: env.file("old.csv", "PN,Price\nOLD,1\n"), supplier: "A", kind: "stock" }, workContext());
      const whole = rawXlsx({
        rows: [
          { r: 1, cells: ["PN", "Price"] },
          { r: 2, cells: ["A", 1] },
        ],
      });
      const cases: [string, Uint8Array, RegExp][] = [
        ["t.xlsx", whole.subarray(0, whole.length - 30), /damaged or incomplete/],
        ["e.csv", new Uint8Array(), /The file is empty/],
        ["o.mxl", Buffer.concat([MXL8_HEADER, Buffer.from([0x06, 0x00, 0x02, 0x00, 0xff, 0x00])]), /7\.7/],
        ["u.bin", Uint8Array.from([0x00, 0x9f, 0x92, 0x96]), /not recognised/],
      ];
      for (const [name, data, message] of cases) {
        const attempt = importStock(env.db, { filePath: env.file(name, data), supplier: "A", kind: "stock" }, workContext());
        await expect(attempt).rejects.toThrow(StockFileError);
        await expect(importStock(env.db, { filePath: env.file(name, data), supplier: "A", kind: "stock" }, workContext())).rejects.toThrow(
          message,
        );
      }
      expect((await offers(env.db)).map((o) => o.partNumber)).toEqual(["OLD"]);
      expect(await stagingTables(env.db)).toBe(0);
    });
  });
});
