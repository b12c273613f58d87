import { describe, expect, it } from "vitest";
import { importStock, inspectStockFile, listSuppliers, setSupplierMapping } from "../src/index.ts";
import { offers, dialects, testEnv, workContext } from "./helpers/env.ts";
import { corpusFile, describeCorpus } from "./helpers/corpus.ts";

/** A dealer's list with two price columns: detection takes the recommended one (РРЦ), a person may want the dealer's. */
const twoPrices = (rows: [string, number, number][], order: "dealer-first" | "rrp-first" = "dealer-first") => {
  const head = order === "dealer-first" ? "Артикул;Наименование;Цена дилера;РРЦ;Остаток" : "Артикул;РРЦ;Наименование;Остаток;Цена дилера";
  const line = ([pn, dealer, rrp]: [string, number, number]) =>
    order === "dealer-first" ? `${pn};Товар ${pn};${dealer};${rrp};5` : `${pn};${rrp};Товар ${pn};5;${dealer}`;
  return `Прайс-лист ООО "Ромашка"\r\n\r\n${head}\r\n${rows.map(line).join("\r\n")}\r\n`;
};

const prices = async (db: Parameters<typeof offers>[0], supplier: string) =>
  (await offers(db, supplier)).map((o) => [o.partNumber, Number(o.price)]);

describe.each(dialects)("%s", (dialect) => {
  describe("a mapping", () => {
    it("picks the column a person chose over the detected one, and the result says so", async () => {
      const env = await testEnv(dialect);
      const file = env.file(
        "p.csv",
        twoPrices([
          ["A-1", 80, 100],
          ["A-2", 40, 50],
        ]),
      );
      const detected = await importStock(env.db, { filePath: file, supplier: "Ромашка", kind: "stock" }, workContext());
      expect(detected.mapping).toMatchObject({ source: "detected", used: { columns: { price: "РРЦ" } }, saved: false });
      expect(await prices(env.db, "Ромашка")).toEqual([
        ["A-1", 100],
        ["A-2", 50],
      ]);

      const given = await importStock(
        env.db,
        { filePath: file, supplier: "Ромашка", kind: "stock", mapping: { columns: { price: "  цена   ДИЛЕРА " } } },
        workContext(),
      );
      expect(given).toMatchObject({ rowsBefore: 2, rowsAfter: 2 });
      expect(given.mapping).toEqual({
        source: "given",
        used: { columns: { partNumber: "Артикул", name: "Наименование", quantity: "Остаток", price: "  цена   ДИЛЕРА " } },
        saved: false,
      });
      expect(await prices(env.db, "Ромашка")).toEqual([
        ["A-1", 80],
        ["A-2", 40],
      ]);
    });

    it("saved for a supplier, reads its next file the same way though the columns moved; another mapping still wins", async () => {
      const env = await testEnv(dialect);
      const first = env.file("1.csv", twoPrices([["B-1", 80, 100]]));
      const saved = await importStock(
        env.db,
        { filePath: first, supplier: "Вектор", kind: "stock", mapping: { columns: { price: 3 } }, saveMapping: true },
        workContext(),
      );
      expect(saved.mapping).toMatchObject({ source: "given", saved: true, used: { columns: { price: 3 } } });
      const [supplier] = (await listSuppliers(env.db)).items;
      expect(supplier).toMatchObject({ name: "Вектор", kind: "stock", offers: 1, mapping: { columns: { price: 3 } } });
      expect(supplier!.lastImportedAt).toBeInstanceOf(Date);

      // Saved by header text instead, so a reordered file still reads the dealer's price.
      await setSupplierMapping(env.db, { name: "Вектор", kind: "stock", mapping: { columns: { price: "Цена дилера" } } });
      const next = env.file(
        "2.csv",
        twoPrices(
          [
            ["B-1", 70, 90],
            ["B-2", 10, 20],
          ],
          "rrp-first",
        ),
      );
      const again = await importStock(env.db, { filePath: next, supplier: "Вектор", kind: "stock" }, workContext());
      expect(again.mapping).toMatchObject({ source: "saved", saved: false });
      expect(await prices(env.db, "Вектор")).toEqual([
        ["B-1", 70],
        ["B-2", 10],
      ]);
      expect((await listSuppliers(env.db, { kind: "stock" })).items[0]).toMatchObject({ offers: 2 });

      const other = await importStock(
        env.db,
        { filePath: next, supplier: "Вектор", kind: "stock", mapping: { columns: { price: "РРЦ" } } },
        workContext(),
      );
      expect(other.mapping?.source).toBe("given");
      expect(await prices(env.db, "Вектор")).toEqual([
        ["B-1", 90],
        ["B-2", 20],
      ]);

      await setSupplierMapping(env.db, { name: "Вектор", kind: "stock", mapping: null });
      expect((await listSuppliers(env.db)).items[0]).toMatchObject({ mapping: null, mappingSavedAt: null });
      expect((await importStock(env.db, { filePath: next, supplier: "Вектор", kind: "stock" }, workContext())).mapping?.source).toBe(
        "detected",
      );
    });

    it("reads a header row and columns given by number, and leaves a field unread when told (null)", async () => {
      const env = await testEnv(dialect);
      // No header a person would recognise: the supplier's own codes.
      const file = env.file("codes.csv", "x;y;z\r\nK1;Q;P\r\nC-1;7;120\r\nC-2;3;60\r\n");
      const result = await importStock(
        env.db,
        {
          filePath: file,
          supplier: "Коды",
          kind: "stock",
          mapping: { headerRow: 2, columns: { partNumber: 1, price: 3, quantity: null } },
        },
        workContext(),
      );
      expect(result).toMatchObject({ rowsTotal: 2, imported: 2 });
      expect((await offers(env.db, "Коды")).map((o) => [o.partNumber, o.price, o.quantity])).toEqual([
        ["C-1", 120, 0],
        ["C-2", 60, 0],
      ]);
    });

    it("fails naming what the file lacks, and keeps the supplier's rows", async () => {
      const env = await testEnv(dialect);
      const file = env.file("p.csv", twoPrices([["D-1", 80, 100]]));
      await importStock(env.db, { filePath: file, supplier: "Д", kind: "stock" }, workContext());
      const attempt = (mapping: Parameters<typeof importStock>[1]["mapping"]) =>
        importStock(env.db, { filePath: file, supplier: "Д", kind: "stock", mapping }, workContext());
      await expect(attempt({ columns: { price: "Цена закупки" } })).rejects.toThrow(
        'No row in the first 50 has the mapping\'s headers "Цена закупки".',
      );
      await expect(attempt({ headerRow: 3, columns: { price: "Опт" } })).rejects.toThrow(`The mapping's header row 3 has no column "Опт".`);
      await expect(attempt({ headerRow: 1 })).rejects.toThrow(
        "The mapping's header row 1 has no part number or price column: choose it in the mapping (by header text or column number).",
      );
      await expect(attempt({ headerRow: 2 })).rejects.toThrow("The mapping's header row 2 is empty.");
      expect(await prices(env.db, "Д")).toEqual([["D-1", 100]]);
    });
  });

  describe("inspectStockFile", () => {
    it("shows the header and why, each field's column with its alternatives, and the first 20 rows, reading only the top", async () => {
      const env = await testEnv(dialect);
      const items = Array.from({ length: 5_000 }, (_, i): [string, number, number] => [`P-${i}`, 80 + i, 100 + i]);
      const file = env.file("big.csv", twoPrices(items).replace("P-3;Товар P-3;83;103", "P-3;Товар P-3;нет;103"));
      const preview = await inspectStockFile({ filePath: file, kind: "stock", mapping: null, mappingSource: "detected" });
      expect(preview).toMatchObject({ format: "csv", mappingSource: "detected", error: null });
      const [sheet] = preview.sheets;
      expect(sheet).toMatchObject({ headerRow: 3, complete: false, problem: null, skippedRows: [] });
      expect(sheet!.rowsRead).toBeLessThan(100);
      expect(sheet!.headerReason).toContain("names a part number column and a price column");
      expect(sheet!.columns.map((c) => [c.position, c.header, c.field])).toEqual([
        [1, "Артикул", "partNumber"],
        [2, "Наименование", "name"],
        [3, "Цена дилера", null],
        [4, "РРЦ", "price"],
        [5, "Остаток", "quantity"],
      ]);
      expect(sheet!.fields.find((f) => f.field === "price")).toMatchObject({
        field: "price",
        chosen: { position: 4, header: "РРЦ", reason: "the header is a known name for retail or recommended price" },
        alternatives: [{ position: 3, header: "Цена дилера", reason: "the header is a known name for dealer or wholesale price" }],
      });
      expect(sheet!.fields.find((f) => f.field === "vendor")).toEqual({ field: "vendor", chosen: null, alternatives: [] });
      expect(sheet!.rows).toHaveLength(20);
      expect(sheet!.rows[0]).toEqual({
        row: 4,
        partNumber: "P-0",
        name: "Товар P-0",
        vendor: null,
        category: null,
        quantity: 5,
        price: 100,
      });
      expect(preview.mapping).toEqual({ columns: { partNumber: "Артикул", name: "Наименование", quantity: "Остаток", price: "РРЦ" } });

      const mapped = await inspectStockFile({ filePath: file, kind: "stock", mapping: { columns: { price: 3 } }, mappingSource: "given" });
      const [dealer] = mapped.sheets;
      expect(dealer!.fields.find((f) => f.field === "price")!.chosen).toMatchObject({
        position: 3,
        header: "Цена дилера",
        reason: "chosen in the mapping by its column number",
      });
      expect(dealer!.rows[0]!.price).toBe(80);
      expect(dealer!.skippedRows).toMatchObject([{ row: 7, reason: "price is not a positive number: 'нет'" }]);
      expect(mapped.mapping).toEqual({ columns: { partNumber: "Артикул", name: "Наименование", quantity: "Остаток", price: 3 } });
    });

    it("says why a file cannot be imported as it is", async () => {
      const env = await testEnv(dialect);
      const file = env.file("no-price.csv", "Артикул;Наименование\r\nA;B\r\n");
      const preview = await inspectStockFile({ filePath: file, kind: "stock", mapping: null, mappingSource: "detected" });
      expect(preview.error).toMatch(/^No price column found/);
      expect(preview.sheets[0]).toMatchObject({ headerRow: null, rows: [], problem: preview.error });
    });
  });
});

describeCorpus("previews of the corpus' HiWatch price list (8 sheets)", () => {
  const file = () => corpusFile("xlsx/elm__292ba2__hiwatch_pricelist.xlsx");

  it("lists every sheet with its header and first rows, titles as categories", async () => {
    const preview = await inspectStockFile({ filePath: file(), kind: "stock", mapping: null, mappingSource: "detected" });
    expect(preview.error).toBeNull();
    expect(preview.sheets).toHaveLength(8);
    for (const sheet of preview.sheets) {
      expect(sheet, sheet.name).toMatchObject({ visible: true, read: true, problem: null });
      expect(sheet.headerRow, sheet.name).not.toBeNull();
      expect(sheet.rows.length, sheet.name).toBeGreaterThan(0);
    }
    const eco = preview.sheets[0]!;
    expect(eco.rows[0]).toMatchObject({ partNumber: "HDC-B020(B)(2.8MM)", price: 1990, category: expect.any(String) });
    expect(preview.mapping.columns).toMatchObject({ partNumber: "Модель" });
  });

  it("reads only the sheets a mapping names, and lists the others as not read", async () => {
    const all = await inspectStockFile({ filePath: file(), kind: "stock", mapping: null, mappingSource: "detected" });
    const chosen = all.sheets[2]!.name;
    const preview = await inspectStockFile({ filePath: file(), kind: "stock", mapping: { sheets: [chosen] }, mappingSource: "given" });
    expect(preview.sheets.filter((s) => s.read).map((s) => s.name)).toEqual([chosen]);
    expect(preview.sheets.find((s) => s.name === chosen)!.rows.length).toBeGreaterThan(0);

    const env = await testEnv("sqlite");
    const imported = await importStock(
      env.db,
      { filePath: file(), supplier: "HiWatch", kind: "stock", mapping: { sheets: [chosen] } },
      workContext(),
    );
    const everything = await importStock(env.db, { filePath: file(), supplier: "HiWatch all", kind: "stock" }, workContext());
    expect(imported.imported).toBeGreaterThan(0);
    expect(imported.imported).toBeLessThan(everything.imported);
    expect(imported.mapping?.used.sheets).toEqual([chosen]);
  });
});

describe("the cells confirm the header's choice", () => {
  it("imports the price column that holds numbers when the recommended one says 'по запросу'", async () => {
    const env = await testEnv("sqlite");
    const file = env.file("ask.csv", "Артикул;Цена дилера;РРЦ\r\nQ-1;80;по запросу\r\nQ-2;40;по запросу\r\nQ-3;30;звоните\r\n");
    const result = await importStock(env.db, { filePath: file, supplier: "Q", kind: "competitor" }, workContext());
    expect(result).toMatchObject({ imported: 3, skipped: 0, mapping: { used: { columns: { price: "Цена дилера" } } } });
    const preview = await inspectStockFile({ filePath: file, kind: "competitor", mapping: null, mappingSource: "detected" });
    expect(preview.sheets[0]!.fields.find((f) => f.field === "price")).toMatchObject({
      chosen: { position: 2, reason: 'its cells are positive numbers; those under "РРЦ" are mostly not' },
      alternatives: [{ position: 3, header: "РРЦ" }],
    });
  });
});
