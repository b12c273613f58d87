import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { StagedRow } from "../src/import/rows.ts";
import { readInto } from "../src/import/stock-import.ts";
import { importStock, StockFileError } from "../src/index.ts";
import { openRowReader } from "../src/readers/open.ts";
import type { SheetRow } from "../src/readers/types.ts";
import { corpusFile, describeCorpus } from "./helpers/corpus.ts";
import { fileEnv, offers, testEnv, workContext } from "./helpers/env.ts";

type Sheet = { name: string; rows: (string | number | null)[][]; state?: "visible" | "hidden" | "veryHidden" };

/** A workbook as Excel writes it (exceljs), one worksheet per entry, in order. */
async function workbook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.state ?? "visible" });
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rowsOf(file: string, sheets?: string[]): Promise<SheetRow[]> {
  const reader = await openRowReader(file, { sheets });
  const rows: SheetRow[] = [];
  for await (const row of reader.rows()) rows.push({ ...row, cells: [...row.cells] });
  return rows;
}

const PRICES: Sheet = {
  name: "Камеры",
  rows: [
    ["Артикул", "Наименование", "Цена"],
    ["C-1", "Камера", 100],
  ],
};
const MORE: Sheet = { name: "Регистраторы", rows: [["Прайс-лист"], [], ["Артикул", "Наименование", "Цена"], ["R-1", "Регистратор", 200]] };
const NOTES: Sheet = { name: "Условия", rows: [["Цены указаны с НДС"], ["Доставка бесплатно от 10 000 руб."]] };
const HIDDEN: Sheet = {
  name: "Закупка",
  state: "hidden",
  rows: [
    ["Артикул", "Цена"],
    ["H-1", 1],
  ],
};

describe("the sheets of an .xlsx", () => {
  it("reads every visible sheet in workbook order, each row naming its sheet, hidden sheets left out", async () => {
    const file = fileEnv().file("book.xlsx", await workbook([PRICES, HIDDEN, { ...NOTES, state: "veryHidden" }, MORE]));
    const rows = await rowsOf(file);
    expect(rows.map((row) => `${row.sheet}!${row.rowNumber} ${row.cells.join("|")}`)).toEqual([
      "Камеры!1 Артикул|Наименование|Цена",
      "Камеры!2 C-1|Камера|100",
      "Регистраторы!1 Прайс-лист",
      "Регистраторы!3 Артикул|Наименование|Цена",
      "Регистраторы!4 R-1|Регистратор|200",
    ]);
  });

  it("lists the sheets, hidden ones too, and reads only the sheets named (a hidden one when named)", async () => {
    const file = fileEnv().file("book.xlsx", await workbook([PRICES, HIDDEN, MORE]));
    const reader = await openRowReader(file);
    expect(await reader.listSheets()).toEqual([
      { name: "Камеры", visible: true },
      { name: "Закупка", visible: false },
      { name: "Регистраторы", visible: true },
    ]);
    // Workbook order, whatever the order of the names.
    expect((await rowsOf(file, ["Регистраторы", "Закупка"])).map((row) => row.sheet)).toEqual([
      "Закупка",
      "Закупка",
      "Регистраторы",
      "Регистраторы",
      "Регистраторы",
    ]);
    await expect(rowsOf(file, ["Камеры", "Лист9"])).rejects.toThrow(
      'The workbook has no sheet named "Лист9"; its sheets are "Камеры", "Закупка", "Регистраторы".',
    );
  });

  it("CSV has one unnamed sheet; its rows name none", async () => {
    const file = fileEnv().file("a.csv", "PN;Price\nA;1\n");
    expect(await (await openRowReader(file)).listSheets()).toEqual([{ name: "", visible: true }]);
    expect((await rowsOf(file)).map((row) => row.sheet)).toEqual([undefined, undefined]);
  });
});

describe("importing a workbook of several sheets", () => {
  it("finds the header of each sheet and passes over a sheet that has none", async () => {
    const env = await testEnv("sqlite");
    const file = env.file("book.xlsx", await workbook([NOTES, PRICES, MORE]));
    const result = await importStock(env.db, { filePath: file, supplier: "S", kind: "competitor" }, workContext());
    expect(result).toMatchObject({ rowsTotal: 2, imported: 2, skipped: 0, componentsCreated: 2, skippedRows: [] });
    expect((await offers(env.db, "S")).map((o) => [o.partNumber, o.price])).toEqual([
      ["C-1", 100],
      ["R-1", 200],
    ]);
  });

  it("fails with the first sheet's missing-columns error when no sheet has a header", async () => {
    const env = await testEnv("sqlite");
    const stockOnly: Sheet = {
      name: "Остатки",
      rows: [
        ["Артикул", "Остаток"],
        ["A", 1],
      ],
    };
    const file = env.file("book.xlsx", await workbook([stockOnly, NOTES]));
    const run = importStock(env.db, { filePath: file, supplier: "S", kind: "stock" }, workContext());
    await expect(run).rejects.toThrow(StockFileError);
    await expect(run).rejects.toThrow("No price column found: expected a header named Цена or Price in the first 50 rows.");
  });

  it("numbers skipped rows per sheet and names the sheet; the same row number on two sheets is two rows", async () => {
    const env = await testEnv("sqlite");
    const first: Sheet = {
      name: "A",
      rows: [
        ["Артикул", "Цена"],
        ["X-1", 5],
        ["X-2", "нет цены"],
      ],
    };
    const second: Sheet = {
      name: "B",
      rows: [
        ["Артикул", "Цена"],
        ["Y-1", 6],
        ["Y-2", "нет цены"],
      ],
    };
    const file = env.file("book.xlsx", await workbook([first, second]));
    const result = await importStock(env.db, { filePath: file, supplier: "S", kind: "competitor" }, workContext());
    expect(result.skippedRows).toMatchObject([
      { row: 3, sheet: "A", reason: "price is not a positive number: 'нет цены'" },
      { row: 3, sheet: "B", reason: "price is not a positive number: 'нет цены'" },
    ]);
    expect((await offers(env.db, "S")).map((o) => o.partNumber)).toEqual(["X-1", "Y-1"]);
  });

  it("a workbook of which no row imports keeps the supplier's rows, naming the first row's sheet", async () => {
    const env = await testEnv("sqlite");
    await importStock(env.db, { filePath: env.file("a.csv", "PN;Price\nA;1\n"), supplier: "S", kind: "stock" }, workContext());
    const bad: Sheet = {
      name: "Прайс",
      rows: [
        ["Артикул", "Цена"],
        ["X-1", "по запросу"],
      ],
    };
    const run = importStock(
      env.db,
      { filePath: env.file("bad.xlsx", await workbook([NOTES, bad])), supplier: "S", kind: "stock" },
      workContext(),
    );
    await expect(run).rejects.toThrow(
      `None of the file's 1 data rows could be imported (sheet "Прайс", row 2: price is not a positive number: 'по запросу'), so S's 1 earlier rows are kept as they were.`,
    );
    expect((await offers(env.db, "S")).map((o) => o.partNumber)).toEqual(["A"]);
  });

  it("gives rows the category of the title row above them, not past the end of its sheet", async () => {
    const staged: StagedRow[] = [];
    const file = fileEnv().file(
      "book.xlsx",
      await workbook([
        {
          name: "A",
          rows: [
            ["Артикул", "Наименование", "Цена"],
            [null, "Камеры"],
            ["C-1", "Камера", 100],
            [null, "Регистраторы"],
            ["R-1", "Регистратор", 200],
            [null, null, 300], // a price alone is an item without a part number, not a title
            ["*Цены с НДС"], // a footnote, not a title
          ],
        },
        {
          name: "B",
          rows: [
            ["Артикул", "Цена"],
            ["B-1", 5],
          ],
        },
      ]),
    );
    const { tally } = await readInto(
      { write: async (rows) => void staged.push(...rows) },
      await openRowReader(file),
      { filePath: file, supplier: "S", kind: "stock" },
      workContext(),
    );
    expect(staged.map((row) => [row.partNumber, row.category])).toEqual([
      ["C-1", "Камеры"],
      ["R-1", "Регистраторы"],
      ["B-1", null],
    ]);
    // Title rows are not data rows; the lone price and the footnote are, skipped.
    expect(tally).toMatchObject({ rowsTotal: 5, imported: 3, skipped: 2 });
  });
});

describeCorpus("the sheets of the corpus' HiWatch price list", () => {
  it("lists its 8 sheets, all visible, and reads one when named", async () => {
    const file = corpusFile("xlsx/elm__292ba2__hiwatch_pricelist.xlsx");
    const sheets = await (await openRowReader(file)).listSheets();
    expect(sheets.map((sheet) => sheet.name)).toEqual([
      "HiWatch серии Eco",
      "IP-камеры серии Pro",
      "Регистраторы серии Pro",
      "IP-камеры серии Value",
      "EasyTurn & Поворотные камеры",
      "HD-TVI камеры серии Value",
      "Регистраторы серии Value",
      "Кронштейны и адаптеры",
    ]);
    expect(sheets.every((sheet) => sheet.visible)).toBe(true);
    // 21 rows in the first sheet as LibreOffice reads it (oracle/raw, empty rows left out).
    const eco = await rowsOf(file, ["HiWatch серии Eco"]);
    expect(eco.filter((row) => row.cells.some((cell) => cell.trim() !== ""))).toHaveLength(21);
    expect(new Set(eco.map((row) => row.sheet))).toEqual(new Set(["HiWatch серии Eco"]));
  });
});
