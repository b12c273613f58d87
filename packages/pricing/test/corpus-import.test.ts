import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import type { StagedRow } from "../src/import/rows.ts";
import { readInto } from "../src/import/stock-import.ts";
import { importStock } from "../src/index.ts";
import { openRowReader } from "../src/readers/open.ts";
import { CORPUS_DIR, corpusFile, describeCorpus } from "./helpers/corpus.ts";
import { offers, testEnv, workContext } from "./helpers/env.ts";

/**
 * Every real supplier price list and stock report of the corpus (elm__, fik__, jtb__; the .mxl
 * files are 1C test documents, none a price list) imported into a real SQLite pricing database
 * under the rules of docs/pricing.md. The figures were worked out from LibreOffice's reading of
 * each sheet (oracle/raw/<file>-<sheet>.csv), not from this reader: the header row of each
 * sheet, title rows as categories, a row without a part number or a positive price skipped.
 */

type Expected =
  | { rowsTotal: number; imported: number; skipped: number; reasons: Record<string, number>; offers: [string, number, number][] }
  | { error: string };

/**
 * The HiWatch price list (both files are one workbook): 8 visible sheets, each with its header on
 * row 2; 279 rows in all: 8 headers, 32 title rows, 239 data rows, 229 items and 10 skipped (9
 * footnotes starting with "*", which are not titles, and a stray "8" far right on one sheet).
 */
const HIWATCH: Expected = {
  rowsTotal: 239,
  imported: 229,
  skipped: 10,
  reasons: { "part number is empty": 10 },
  // The first item of some sheets and the last item of the workbook, as oracle/raw has them (price unformatted, no stock column).
  offers: [
    ["DS-I205M(С)", 23890, 0],
    ["HDC-B020(B)(2.8MM)", 1990, 0],
    ["307400306", 590, 0],
    ["NVR-216M-K", 29390, 0],
    ["DS-N308W(B)", 15790, 0],
  ],
};

const EXPECTED: Record<string, Expected> = {
  // "Артикул / Наименование" names two fields in one column, and no column is a price.
  "elm__25e25f__Без_характеристик.xlsx": { error: "No part number or price column found" },
  "elm__292ba2__hiwatch_pricelist.xlsx": HIWATCH,
  "elm__4aad1f__Без_характеристик_1000.xlsx": { error: "No part number or price column found" },
  "elm__77a491__HiWatch CCTV прайс-лист_v.9.xlsx": HIWATCH,
  // Marketplace stock and delivery reports: part numbers and quantities, no price at all.
  "fik__21451e__Отчет_по_остаткам_по_размерам_23_05_23.xlsx": { error: "No price column found" },
  "fik__7a72eb__Поставка Казань 11.05.23.xlsx": { error: "No price column found" },
  "fik__9379ff__Отчет по остаткам 23.05.23.xlsx": { error: "No price column found" },
  "fik__ab7cec__Казань.xlsx": { error: "No price column found" },
  "jtb__052f9a__test-no-cost-column.xlsx": { error: "No price column found" },
  "jtb__a938d4__test-supplier-data-2.xlsx": {
    rowsTotal: 4,
    imported: 4,
    skipped: 0,
    reasons: {},
    offers: [
      ["SKU001", 33.99, 50],
      ["SKU004", 44, 75],
    ],
  },
  "jtb__d58490__test-supplier-data.xlsx": {
    rowsTotal: 5,
    imported: 5,
    skipped: 0,
    reasons: {},
    offers: [
      ["A001", 25.5, 0],
      ["A005", 156, 0],
    ],
  },
};

const tally = (reasons: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const reason of reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
};

/** The rows the import stages from a file, with every field (the staging table does not keep categories yet). */
async function stagedRows(name: string): Promise<StagedRow[]> {
  const staged: StagedRow[] = [];
  const reader = await openRowReader(corpusFile(`xlsx/${name}`));
  await readInto(
    { write: async (rows) => void staged.push(...rows) },
    reader,
    { filePath: "", supplier: name, kind: "stock" },
    workContext(),
  );
  return staged;
}

describeCorpus("importing the corpus' supplier price lists and stock reports", () => {
  it("covers every elm__, fik__ and jtb__ workbook of the corpus", () => {
    const names = readdirSync(`${CORPUS_DIR}xlsx`).filter((name) => /^(elm|fik|jtb)__.*\.xlsx$/.test(name));
    expect(names.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s", async (name, expected) => {
    const env = await testEnv("sqlite");
    const run = importStock(env.db, { filePath: corpusFile(`xlsx/${name}`), supplier: name, kind: "stock" }, workContext());
    if ("error" in expected) {
      await expect(run).rejects.toThrow(expected.error);
      return;
    }
    const result = await run;
    expect({ ...result, skippedRows: tally(result.skippedRows.map((row) => row.reason)) }).toMatchObject({
      rowsTotal: expected.rowsTotal,
      imported: expected.imported,
      skipped: expected.skipped,
      componentsCreated: expected.imported,
      skippedRows: expected.reasons,
      rowsBefore: 0,
      rowsAfter: expected.imported,
      mapping: { source: "detected", saved: false },
    });
    const stored = new Map((await offers(env.db, name)).map((o) => [o.partNumber, [o.partNumber, Number(o.price), o.quantity]]));
    expect(stored.size).toBe(expected.imported);
    for (const offer of expected.offers) expect(stored.get(offer[0])).toEqual(offer);
  });

  it("gives each skipped HiWatch row its sheet, and the footnotes their reason", async () => {
    const env = await testEnv("sqlite");
    const name = "elm__292ba2__hiwatch_pricelist.xlsx";
    const result = await importStock(env.db, { filePath: corpusFile(`xlsx/${name}`), supplier: name, kind: "stock" }, workContext());
    expect(result.skippedRows.map(({ sheet, row }) => `${sheet}!${row}`)).toEqual([
      "HiWatch серии Eco!22",
      "IP-камеры серии Pro!17",
      "Регистраторы серии Pro!5",
      "IP-камеры серии Value!70",
      "EasyTurn & Поворотные камеры!21",
      "HD-TVI камеры серии Value!78",
      "HD-TVI камеры серии Value!79",
      "HD-TVI камеры серии Value!104",
      "Регистраторы серии Value!43",
      "Кронштейны и адаптеры!30",
    ]);
  });

  it("gives the HiWatch items the category of the title row above them, per sheet", async () => {
    const staged = await stagedRows("elm__292ba2__hiwatch_pricelist.xlsx");
    const perCategory = tally(staged.map((row) => row.category ?? "(none)"));
    // As counted from oracle/raw: the last title row above each item in its sheet.
    expect(perCategory).toEqual({
      "Разрешение 2Мп": 88,
      "Разрешение 4Мп": 30,
      "Аксессуары, кронштейны и адаптеры": 26,
      "Разрешение 5Мп": 23,
      "Гибридные видеорегистраторы": 23,
      "Сетевые видеорегистраторы": 19,
      "Разрешение 8Мп": 12,
      "HD-TVI видеокамеры": 3,
      "Разрешение 6Мп": 3,
      ColorVu: 1,
      "Разрешение 3Мп": 1,
    });
    const byPart = new Map(staged.map((row) => [row.partNumber, row.category]));
    expect(byPart.get("HDC-B020(B)(2.8MM)")).toBe("Разрешение 2Мп");
    expect(byPart.get("DS-T110 (2.8 MM)")).toBe("HD-TVI видеокамеры");
    expect(byPart.get("DS-H104EGA(330GB)")).toBe("Гибридные видеорегистраторы");
  });

  it("takes the category from a Category column where the header has one", async () => {
    const staged = await stagedRows("jtb__d58490__test-supplier-data.xlsx");
    expect(staged.map((row) => [row.partNumber, row.category])).toEqual([
      ["A001", "Electronics"],
      ["A002", "Electronics"],
      ["A003", "Tools"],
      ["A004", "Parts"],
      ["A005", "Electronics"],
    ]);
    expect((await stagedRows("jtb__a938d4__test-supplier-data-2.xlsx")).map((row) => row.category)).toEqual([null, null, null, null]);
  });
});
