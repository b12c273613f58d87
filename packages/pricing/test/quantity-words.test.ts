import { describe, expect, it } from "vitest";
import { IN_STOCK_QUANTITY, parseQuantity } from "../src/readers/quantity-words.ts";
import { matchHeaderRow } from "../src/readers/columns.ts";
import { corpusFile, describeCorpus } from "./helpers/corpus.ts";
import { readRows } from "./helpers/read.ts";

describe("quantities in words and bounds", () => {
  it.each([
    ["12", 12],
    ["1 234", 1234],
    ["много", IN_STOCK_QUANTITY],
    ["В наличии", IN_STOCK_QUANTITY],
    ["есть", IN_STOCK_QUANTITY],
    ["Да", IN_STOCK_QUANTITY],
    ["+", IN_STOCK_QUANTITY],
    ["+++", IN_STOCK_QUANTITY],
    ["in stock", IN_STOCK_QUANTITY],
    [">10", 10],
    ["> 10 шт", 10],
    [">=10", 10],
    ["более 10", 10],
    ["Больше 50 шт.", 50],
    ["свыше 100", 100],
    ["10+", 10],
    ["10+ шт", 10],
    ["<5", IN_STOCK_QUANTITY],
    ["менее 5", IN_STOCK_QUANTITY],
    ["до 5", IN_STOCK_QUANTITY],
    ["<=5", IN_STOCK_QUANTITY],
    ["<1", 0],
    ["нет", 0],
    ["Нет в наличии", 0],
    ["-", 0],
    ["—", 0],
    ["0", 0],
    ["под заказ", 0],
    ["Под заказ", 0],
    ["ожидается", 0],
    ["в пути", 0],
    ["10 шт", 10],
    ["10 шт.", 10],
    ["10шт", 10],
    ["7 pcs", 7],
  ])("%s reads as %s", (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it("anything else is not a quantity (the row is skipped saying so)", () => {
    for (const text of ["около 5", "от 5 до 10", "abc", "10 кг", "5 коробок", "?", "x".repeat(1_000)]) {
      expect(parseQuantity(text)).toBeUndefined();
    }
    // A negative count reads as one; the import skips it as negative.
    expect(parseQuantity("-5")).toBe(-5);
  });
});

describeCorpus("quantities of the corpus' stock reports", () => {
  // Their quantity columns (as the header row names them), the non-empty cells counted in oracle/raw; none has a price column, so none imports.
  it.each([
    ["fik__21451e__Отчет_по_остаткам_по_размерам_23_05_23.xlsx", 836],
    ["fik__7a72eb__Поставка Казань 11.05.23.xlsx", 226],
    ["fik__9379ff__Отчет по остаткам 23.05.23.xlsx", 189],
    ["fik__ab7cec__Казань.xlsx", 28],
    ["jtb__052f9a__test-no-cost-column.xlsx", 3],
  ])("%s: every quantity reads", async (name, filled) => {
    const [header, ...rows] = await readRows(corpusFile(`xlsx/${name}`));
    const column = matchHeaderRow(header!).columns.quantity!;
    const texts = rows.map((row) => (row.cells[column] ?? "").trim()).filter((text) => text !== "");
    expect(texts).toHaveLength(filled);
    expect(texts.filter((text) => parseQuantity(text) === undefined)).toEqual([]);
  });

  it('the HiWatch lists\' "Статус" column says "под заказ" (on order) where others would write a count: it reads as 0', async () => {
    const rows = await readRows(corpusFile("xlsx/elm__292ba2__hiwatch_pricelist.xlsx"));
    const onOrder = rows.map((row) => (row.cells[4] ?? "").trim()).filter((text) => /^под заказ$/i.test(text));
    // oracle/shown: "под заказ" once in "HD-TVI камеры серии Value", "Под заказ" twice in "Кронштейны и адаптеры".
    expect(onOrder).toHaveLength(3);
    expect(onOrder.map(parseQuantity)).toEqual([0, 0, 0]);
  });
});
