import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { findHeader } from "../src/import/header.ts";
import { importStock } from "../src/index.ts";
import { type HeaderMatch, matchHeaderRow } from "../src/readers/columns.ts";
import { CORPUS_DIR, corpusFile, describeCorpus } from "./helpers/corpus.ts";
import { offers, testEnv, workContext } from "./helpers/env.ts";
import { readRows } from "./helpers/read.ts";

/**
 * The real supplier price lists and stock reports of the corpus (elm__, fik__, jtb__; see
 * ../shared/corpus/README.md), read in place: the header row the import finds in the first
 * visible sheet and the column it takes for each field, written out by hand and checked against
 * LibreOffice's reading of each sheet (oracle/shown/<file>-<sheet>.csv).
 */

/** Per field: "<column letter> <header>" of the chosen column, then of the alternatives, best first. */
type Choices = Record<string, string[]>;

const letter = (column: number): string => String.fromCharCode(65 + column);

const choices = (match: HeaderMatch): Choices =>
  Object.fromEntries(
    Object.entries(match.candidates).map(([field, list]) => [field, list.map((c) => `${letter(c.column)} ${c.header}`)]),
  );

/** The three HiWatch price lists' first sheet, "HiWatch серии Eco" (both files are one workbook, byte for byte). */
const HIWATCH_ECO: Choices = {
  // "Модель" (HDC-B020(B)(2.8mm)) is what other suppliers quote; "Код заказа" (327800436) is the vendor's order code.
  partNumber: ["C Модель", "B Код заказа"],
  name: ["D Описание"],
  // "Кол-во штук в коробке" (F) is a pack size, not stock: no quantity column.
  price: ["G Рекомендуемая Цена*"],
};

type Expected = { header: number; columns: Choices } | { error: string; firstRow: Choices };

const EXPECTED: Record<string, Expected> = {
  "elm__25e25f__Без_характеристик.xlsx": {
    // "Артикул / Наименование" names two fields in one column: neither is taken from it.
    error: "No part number or price column found",
    firstRow: { vendor: ["B Бренд"] },
  },
  "elm__292ba2__hiwatch_pricelist.xlsx": { header: 2, columns: HIWATCH_ECO },
  "elm__4aad1f__Без_характеристик_1000.xlsx": {
    error: "No part number or price column found",
    firstRow: { vendor: ["B Бренд"], name: ["C Наименование"] },
  },
  "elm__77a491__HiWatch CCTV прайс-лист_v.9.xlsx": { header: 2, columns: HIWATCH_ECO },
  "fik__21451e__Отчет_по_остаткам_по_размерам_23_05_23.xlsx": {
    error: 'No price column found: expected a header named Цена or Price in the first 50 rows. Similar names count too, e.g. РРЦ, Розница, Стоимость, Unit Price. Row 1 has "Артикул продавца" as the part number.',
    firstRow: { vendor: ["A Бренд"], partNumber: ["C Артикул продавца"], quantity: ["G Итого по складам"] },
  },
  "fik__7a72eb__Поставка Казань 11.05.23.xlsx": {
    error: "No price column found",
    firstRow: { quantity: ["B Количество, шт."], partNumber: ["D Артикул поставщика"], vendor: ["E Бренд"] },
  },
  "fik__9379ff__Отчет по остаткам 23.05.23.xlsx": {
    error: "No price column found",
    firstRow: { vendor: ["A Бренд"], partNumber: ["C Артикул продавца"], quantity: ["F Итого по складам"] },
  },
  "fik__ab7cec__Казань.xlsx": {
    error: "No price column found",
    firstRow: { partNumber: ["A Артикул поставщика"], quantity: ["D Остаток 23.05"] },
  },
  "jtb__052f9a__test-no-cost-column.xlsx": {
    error: "No price column found",
    firstRow: { partNumber: ["A Item ID"], name: ["B Name"], quantity: ["E Stock Level"] },
  },
  "jtb__a938d4__test-supplier-data-2.xlsx": {
    header: 1,
    columns: { partNumber: ["A SKU"], price: ["B Price"], name: ["C Name"], quantity: ["D Stock"], vendor: ["E Vendor"] },
  },
  "jtb__d58490__test-supplier-data.xlsx": {
    header: 1,
    columns: {
      partNumber: ["A Item Code"],
      name: ["B Product Name", "C Description"],
      price: ["D Unit Price"],
    },
  },
};

describeCorpus("header rows of the corpus' supplier price lists and stock reports", () => {
  it("covers every elm__, fik__ and jtb__ workbook of the corpus", () => {
    const names = readdirSync(`${CORPUS_DIR}xlsx`).filter((name) => /^(elm|fik|jtb)__.*\.xlsx$/.test(name));
    expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s", async (name, expected) => {
    const rows = await readRows(corpusFile(`xlsx/${name}`));
    const found = findHeader(rows);
    if ("header" in expected) {
      expect(found).not.toBeInstanceOf(Error);
      expect((found as HeaderMatch).rowNumber).toBe(expected.header);
      expect(choices(found as HeaderMatch)).toEqual(expected.columns);
    } else {
      // These name no price column at all (stock reports, a list of items without specs): the import fails, saying so.
      expect(found).toBeInstanceOf(Error);
      expect((found as Error).message).toContain(expected.error);
      expect(rows[0]!.rowNumber).toBe(1);
      expect(choices(matchHeaderRow(rows[0]!))).toEqual(expected.firstRow);
    }
  });

  it("finds the same header in every sheet of the HiWatch price list (LibreOffice's CSV of each)", async () => {
    const sheets = readdirSync(`${CORPUS_DIR}oracle/shown`).filter((name) => name.startsWith("elm__292ba2__hiwatch_pricelist-"));
    expect(sheets).toHaveLength(8);
    const seen: Record<string, [number, Choices]> = {};
    for (const sheet of sheets) {
      const found = findHeader(await readRows(corpusFile(`oracle/shown/${sheet}`))) as HeaderMatch;
      seen[sheet.slice("elm__292ba2__hiwatch_pricelist-".length, -".csv".length)] = [found.rowNumber, choices(found)];
    }
    const cameras: [number, Choices] = [2, { ...HIWATCH_ECO, price: ["G Рекомендуемая РРЦ*"] }];
    expect(seen).toEqual({
      "EasyTurn & Поворотные камеры": cameras,
      "HD-TVI камеры серии Value": cameras,
      "HiWatch серии Eco": [2, HIWATCH_ECO],
      "IP-камеры серии Pro": cameras,
      "IP-камеры серии Value": cameras,
      // Brackets and adapters: "Наименование" instead of "Модель", so the order code is the part number.
      "Кронштейны и адаптеры": [
        2,
        { partNumber: ["B Код заказа"], name: ["C Наименование", "D Описание"], price: ["G Рекомендуемая РРЦ*"] },
      ],
      "Регистраторы серии Pro": cameras,
      "Регистраторы серии Value": cameras,
    });
  });

  it("imports the price lists that name a part number and a price, row for row as LibreOffice reads them", async () => {
    const env = await testEnv("sqlite");
    const run = (name: string) => importStock(env.db, { filePath: corpusFile(`xlsx/${name}`), supplier: name, kind: "stock" }, workContext());

    // 20 rows below the header: 13 items, 6 section titles ("HD-TVI видеокамеры", "Разрешение 2Мп")
    // and the footnote, which have no model and are skipped.
    const hiwatch = await run("elm__292ba2__hiwatch_pricelist.xlsx");
    expect({ ...hiwatch, skippedRows: hiwatch.skippedRows.map((row) => row.reason) }).toMatchObject({
      rowsTotal: 20,
      imported: 13,
      skipped: 7,
      componentsCreated: 13,
      skippedRows: Array(7).fill("part number is empty"),
    });
    // The 13 rows of oracle/raw/elm__292ba2__hiwatch_pricelist-HiWatch серии Eco.csv with a model, with their prices.
    expect((await offers(env.db, "elm__292ba2__hiwatch_pricelist.xlsx")).map((o) => [o.partNumber, Number(o.price), o.quantity])).toEqual([
      ["DVR-104P-G", 6090, 0],
      ["DVR-104P-G(B)", 6490, 0],
      ["DVR-108P-G/N(B)", 8990, 0],
      ["HDC-B020(B)(2.8MM)", 1990, 0],
      ["HDC-B020(B)(3.6MM)", 1990, 0],
      ["HDC-T020-P(B)(2.8MM)", 1990, 0],
      ["HDC-T020-P(B)(3.6MM)", 1990, 0],
      ["IPC-B020(B) (2.8MM)", 4890, 0],
      ["IPC-B020(C) (2.8MM)", 4020, 0],
      ["IPC-B040 (2.8MM)", 5890, 0],
      ["IPC-T020(B) (2.8MM)", 4890, 0],
      ["IPC-T020(C) (2.8MM)", 4020, 0],
      ["IPC-T040 (2.8MM)", 5890, 0],
    ]);
    expect(await run("elm__77a491__HiWatch CCTV прайс-лист_v.9.xlsx")).toMatchObject({ rowsTotal: 20, imported: 13, skipped: 7 });

    expect(await run("jtb__a938d4__test-supplier-data-2.xlsx")).toMatchObject({ rowsTotal: 4, imported: 4, skipped: 0 });
    expect((await offers(env.db, "jtb__a938d4__test-supplier-data-2.xlsx")).map((o) => [o.partNumber, Number(o.price), o.quantity])).toEqual([
      ["SKU001", 33.99, 50],
      ["SKU002", 67.5, 25],
      ["SKU003", 21.25, 100],
      ["SKU004", 44, 75],
    ]);
    expect(await run("jtb__d58490__test-supplier-data.xlsx")).toMatchObject({ rowsTotal: 5, imported: 5, skipped: 0 });
    expect((await offers(env.db, "jtb__d58490__test-supplier-data.xlsx")).map((o) => [o.partNumber, Number(o.price)])).toEqual([
      ["A001", 25.5],
      ["A002", 45],
      ["A003", 89.99],
      ["A004", 12.75],
      ["A005", 156],
    ]);
  });
});
