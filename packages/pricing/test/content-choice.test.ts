import { localize } from "@tasklane/contract";
import { describe, expect, it } from "vitest";
import { confirmByContent } from "../src/import/content-choice.ts";
import { applyMapping } from "../src/import/mapping.ts";
import { matchHeaderRow } from "../src/readers/columns.ts";

const header = (cells: string[]) => matchHeaderRow({ rowNumber: 1, cells });

describe("confirmByContent", () => {
  it("keeps the header's choice when its cells are what they should be", () => {
    const match = header(["Артикул", "Цена дилера", "РРЦ"]);
    expect(
      confirmByContent(match, [
        ["A", "80", "100"],
        ["B", "40", "50"],
      ]),
    ).toBe(match);
  });

  it("takes the other price column when the chosen one holds words, and says why", () => {
    const match = header(["Артикул", "Цена дилера", "РРЦ"]);
    const rows = [
      ["A", "80", "по запросу"],
      ["B", "40", "по запросу"],
      ["C", "1 200,50", ""],
      ["D", "5", "звоните"],
    ];
    const confirmed = confirmByContent(match, rows);
    expect(confirmed.columns.price).toBe(1);
    expect(confirmed.candidates.price!.map((c) => c.header)).toEqual(["Цена дилера", "РРЦ"]);
    expect(confirmed.contentReasons).toEqual({ price: { key: "preview.cellsArePrices", values: { header: "РРЦ" } } });
    expect(localize(confirmed.contentReasons!.price!, "en")).toBe('its cells are positive numbers; those under "РРЦ" are mostly not');
  });

  it("takes the column of codes for the part number when the chosen one holds sentences", () => {
    const match = header(["Артикул", "Код", "Цена"]);
    const rows = [
      ["Коммутатор управляемый 24 порта", "SW-24", "100"],
      ["Маршрутизатор для дома и офиса", "RT-1", "50"],
    ];
    expect(confirmByContent(match, rows).columns.partNumber).toBe(1);
  });

  it("leaves a column alone when no other is clearly better, and whatever a mapping chose", () => {
    const match = header(["Артикул", "Цена дилера", "РРЦ"]);
    const rows = [
      ["A", "нет", "по запросу"],
      ["B", "80", "звоните"],
    ];
    expect(confirmByContent(match, rows)).toBe(match);
    const mapped = applyMapping(1, ["Артикул", "Цена дилера", "РРЦ"], { columns: { price: "РРЦ" } }).match;
    expect(
      confirmByContent(mapped, [
        ["A", "80", "по запросу"],
        ["B", "40", "звоните"],
      ]).columns.price,
    ).toBe(2);
  });
});
