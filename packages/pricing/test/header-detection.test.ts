import { describe, expect, it } from "vitest";
import { StockFileError } from "../src/errors.ts";
import { findHeader } from "../src/import/header.ts";
import { classifyHeader, type HeaderMatch, matchHeaderRow } from "../src/readers/columns.ts";
import { VOCABULARY } from "../src/readers/header-vocabulary.ts";

const role = (text: string) => classifyHeader(text)?.role;

/** Per field: the chosen column's header, then the alternatives', best first. */
const choices = (match: HeaderMatch) =>
  Object.fromEntries(Object.entries(match.candidates).map(([field, list]) => [field, list.map((c) => c.header)]));

const rowsOf = (...rows: string[][]) => rows.map((cells, i) => ({ rowNumber: i + 1, cells }));

describe("header names", () => {
  it("reads the names suppliers write, with case, ё, punctuation, asterisks and units normalised away", () => {
    const cases: [string, string][] = [
      ["Код заказа", "partNumber"],
      ["Модель", "partNumber"],
      ["Артикул продавца", "partNumber"],
      ["Артикул поставщика", "partNumber"],
      ["Item Code", "partNumber"],
      ["Part No.", "partNumber"],
      ["P/N", "partNumber"],
      ["Item ID", "partNumber"],
      ["Рекомендуемая РРЦ*", "price"],
      ["Рекомендуемая Цена*", "price"],
      ["РРЦ, в руб.", "price"],
      ["Цена, руб.", "price"],
      ["Цена в у.е.", "price"],
      ["Цена руб", "price"],
      ["Price (USD)", "price"],
      ["Unit Price", "price"],
      ["Стоимость, ₽", "price"],
      ["Монтажник (30%)", "price"],
      ["Онлайн/ТД (40%)", "price"],
      ["Количество, шт.", "quantity"],
      ["Кол-во", "quantity"],
      ["Остаток 23.05", "quantity"],
      ["Остаток на складе", "quantity"],
      ["Свободный остаток", "quantity"],
      ["Stock Level", "quantity"],
      ["Итого по складам", "quantity"],
      ["Наименование товара", "name"],
      ["Product Name", "name"],
      ["Описание", "name"],
      ["Бренд", "vendor"],
      ["Manufacturer", "vendor"],
      ["ПРОИЗВОДИТЕЛЬ:", "vendor"],
    ];
    expect(cases.map(([text]) => [text, role(text)])).toEqual(cases);
  });

  it("keeps the old names where they were", () => {
    const old: [string, string][] = [
      ...["Артикул", "Part number", "PN", "SKU", "PartNumber", "P.N."].map((t) => [t, "partNumber"] as [string, string]),
      ...["Наименование", "Name"].map((t) => [t, "name"] as [string, string]),
      ...["Производитель", "Vendor", "Brand"].map((t) => [t, "vendor"] as [string, string]),
      ...["Количество", "Остаток", "Qty", "Stock"].map((t) => [t, "quantity"] as [string, string]),
      ...["Цена", "Price", " цена ", "Цена, руб. с НДС"].map((t) => [t, "price"] as [string, string]),
    ];
    expect(old.map(([text]) => [text, role(text)])).toEqual(old);
  });

  it("does not take what only looks like a name: pack sizes, goods in transit, customs codes, two fields in one, titles", () => {
    for (const text of [
      "Кол-во штук в коробке",
      "Количество в упаковке",
      "Количество в пути",
      "Товары в пути до клиента",
      "Код ТН ВЭД",
      "Артикул / Наименование",
      "Стоимость / Артикул",
      "Цены указаны в рублях",
      "Цена указана с учётом НДС и доставки до склада покупателя",
      "Скидка (10%)",
      "Поставщик",
      "Supplier",
      "Баркод",
      "№",
      "",
      "Цена".padEnd(101, "x"),
    ]) {
      expect([text, classifyHeader(text)]).toEqual([text, undefined]);
    }
  });

  it("ranks a price by what it says after a prefix: retail before plain before dealer", () => {
    expect(classifyHeader("Цена розничная")).toMatchObject({ role: "price", rank: 0, match: "prefix" });
    expect(classifyHeader("Цена со скидкой")).toMatchObject({ role: "price", rank: 1, match: "prefix" });
    expect(classifyHeader("Цена дилерская")).toMatchObject({ role: "price", rank: 2, match: "prefix" });
    expect(classifyHeader("Цена дилера")).toMatchObject({ role: "price", rank: 2, match: "whole" });
  });

  it("lists every name in one field only", () => {
    const seen = new Map<string, string>();
    for (const [field, groups] of Object.entries(VOCABULARY)) {
      for (const name of groups.flatMap((group) => group.whole)) {
        expect([name, role(name)]).toEqual([name, field]);
        seen.set(name, field);
      }
    }
    expect(seen.size).toBeGreaterThan(100);
  });
});

describe("competing columns", () => {
  it("price: a retail or recommended price beats dealer and wholesale tiers, which stay as alternatives", () => {
    const match = matchHeaderRow({
      rowNumber: 1,
      cells: ["Артикул", "Модель", "Код", "Цена дилера", "РРЦ", "Монтажник (30%)", "Онлайн/ТД (40%)"],
    });
    expect(match.columns).toEqual({ partNumber: 0, price: 4 });
    expect(choices(match)).toEqual({
      partNumber: ["Артикул", "Модель", "Код"],
      price: ["РРЦ", "Цена дилера", "Монтажник (30%)", "Онлайн/ТД (40%)"],
    });
    expect(match.candidates.price![0]).toMatchObject({ column: 4, rank: 0, label: "label.retailPrice" });
  });

  it("part number: an article beats a model, a model beats a code; within a rank the leftmost wins", () => {
    expect(choices(matchHeaderRow({ rowNumber: 1, cells: ["Код заказа", "Модель", "Цена"] }))).toEqual({
      partNumber: ["Модель", "Код заказа"],
      price: ["Цена"],
    });
    expect(choices(matchHeaderRow({ rowNumber: 1, cells: ["Модель", "Артикул производителя", "SKU", "Price"] }))).toEqual({
      partNumber: ["Артикул производителя", "SKU", "Модель"],
      price: ["Price"],
    });
  });

  it("a whole name beats a prefix match of its rank; the leftmost of equals wins, as before", () => {
    expect(choices(matchHeaderRow({ rowNumber: 1, cells: ["PN", "Цена со скидкой", "Цена, руб.", "Цена, USD"] })).price).toEqual([
      "Цена, руб.",
      "Цена, USD",
      "Цена со скидкой",
    ]);
    expect(matchHeaderRow({ rowNumber: 1, cells: ["Остаток Москва", "Остаток СПб", "Свободный остаток"] }).columns).toEqual({
      quantity: 2,
    });
  });
});

describe("the header row", () => {
  it("is found below title rows, and is the first row naming both a part number and a price", () => {
    const found = findHeader([
      { rowNumber: 1, cells: ["Прайс-лист ООО «Ромашка»"] },
      { rowNumber: 2, cells: ["Цены указаны в рублях с НДС"] },
      { rowNumber: 3, cells: ["", "", "Цена"] },
      { rowNumber: 4, cells: ["Артикул", "Наименование"] },
      { rowNumber: 5, cells: [] },
      { rowNumber: 7, cells: ["Фото", "Код заказа", "Модель", "Описание", "Кол-во штук в коробке", "Рекомендуемая РРЦ*"] },
      { rowNumber: 8, cells: ["", "1", "A-1", "x", "4", "100"] },
    ]);
    expect(found).not.toBeInstanceOf(Error);
    const match = found as HeaderMatch;
    expect(match.rowNumber).toBe(7);
    expect(match.columns).toEqual({ partNumber: 2, name: 3, price: 5 });
    expect(choices(match)).toEqual({ partNumber: ["Модель", "Код заказа"], name: ["Описание"], price: ["Рекомендуемая РРЦ*"] });
  });

  it("is looked for in the first 50 rows", () => {
    const titles = Array.from({ length: 49 }, (_, i) => [`Строка ${i + 1}`]);
    expect((findHeader(rowsOf(...titles, ["Код товара", "Стоимость"])) as HeaderMatch).rowNumber).toBe(50);
    const late = findHeader(rowsOf(...titles, ["x"], ["Код товара", "Стоимость"]));
    expect(late).toBeInstanceOf(StockFileError);
  });

  it("missing a column, the error names the usual names, similar ones, and the row that had the other column", () => {
    const error = findHeader(rowsOf(["Бренд", "Артикул продавца", "Итого по складам"], ["B", "A1", "3"]));
    expect((error as Error).message).toBe(
      "No price column found: expected a header named Цена or Price in the first 50 rows. " +
        'Similar names count too, e.g. РРЦ, Розница, Стоимость, Unit Price. Row 1 has "Артикул продавца" as the part number.',
    );
    expect((findHeader(rowsOf(["Наименование", "Розница"])) as Error).message).toBe(
      "No part number column found: expected a header named Артикул, Part number, PN or SKU in the first 50 rows. " +
        'Similar names count too, e.g. Код товара, Модель, Item Code. Row 1 has "Розница" as the price.',
    );
  });
});
