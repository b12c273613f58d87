import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { findHeader } from "../src/import/header.ts";
import { type HeaderMatch, matchHeaderRow } from "../src/readers/columns.ts";
import { CORPUS_DIR, corpusFile, describeCorpus } from "./helpers/corpus.ts";
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
  Object.fromEntries(Object.entries(match.candidates).map(([field, list]) => [field, list.map((c) => `${letter(c.column)} ${c.header}`)]));

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
    firstRow: { vendor: ["B Бренд"], category: ["D Категория (предполаг.)"] },
  },
  "elm__292ba2__hiwatch_pricelist.xlsx": { header: 2, columns: HIWATCH_ECO },
  "elm__4aad1f__Без_характеристик_1000.xlsx": {
    error: "No part number or price column found",
    firstRow: { vendor: ["B Бренд"], name: ["C Наименование"], category: ["D Категория"] },
  },
  "elm__77a491__HiWatch CCTV прайс-лист_v.9.xlsx": { header: 2, columns: HIWATCH_ECO },
  "fik__21451e__Отчет_по_остаткам_по_размерам_23_05_23.xlsx": {
    error:
      'No price column found: expected a header named Цена or Price in the first 50 rows. Similar names count too, e.g. РРЦ, Розница, Стоимость, Unit Price. Row 1 has "Артикул продавца" as the part number.',
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
    firstRow: { partNumber: ["A Item ID"], name: ["B Name"], category: ["C Category"], quantity: ["E Stock Level"] },
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
      category: ["E Category"],
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
  // The import of these files, all sheets, row for row: corpus-import.test.ts.
});
