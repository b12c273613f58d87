import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { mxlRows } from "../src/readers/mxl.ts";
import type { SheetRow } from "../src/readers/types.ts";
import { CORPUS_DIR, corpusFile, describeCorpus } from "./helpers/corpus.ts";
import { readRows } from "./helpers/read.ts";

/** The text of the cell at `ref` ("B5": column B, row 5 as the spreadsheet numbers it), "" when absent. */
function cell(rows: SheetRow[], ref: string): string {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const column = [...letters!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  return rows.find((row) => row.rowNumber === Number(digits))?.cells[column] ?? "";
}

const read = (relative: string) => readRows(corpusFile(relative));

describeCorpus("1C .mxl documents of the corpus", () => {
  it("reads a cell's shown text, not its detail value (Макет09.mxl: {20,6,{\"S\",\"111\"},{1,1,{\"#\",\"1\"}},0})", async () => {
    const rows = await read("mxl/va__559b89__Макет09.mxl");
    expect(cell(rows, "B4")).toBe("Наименование");
    // Each of these cells holds the detail "111" and shows 1, 2, 3 and 11.
    expect(cell(rows, "B5")).toBe("1");
    expect(cell(rows, "C5")).toBe("2");
    expect(cell(rows, "D5")).toBe("3");
    expect(cell(rows, "F5")).toBe("1,2");
    expect(cell(rows, "B6")).toBe("11");
    expect(cell(rows, "C6")).toBe("22");
    const other = await read("mxl/va__df56f0__ДанныеМакетаОтдельноеОкноПоШаблонуПеренос.mxl");
    // Detail "Тест\r\nДопСтрока" in each; shown texts differ from it.
    expect(cell(other, "A3")).toBe("Т*ст\r\nДопСтрока");
    expect(cell(other, "A4")).toBe("Тест\\nДопСтрока");
    expect(cell(other, "A5")).toBe("Тест\\nДоп*");
    expect(cell(await read("mxl/va__adec69__ПроверкаИсключенийРавенство04.mxl"), "B5")).toBe("22*");
  });

  it("reads every .mxl of the corpus, each with rows", () => {
    const names = readdirSync(`${CORPUS_DIR}mxl`).filter((name) => name.endsWith(".mxl"));
    expect(names).toHaveLength(101);
    const failures: string[] = [];
    let cells = 0;
    for (const name of names) {
      try {
        const rows = mxlRows(readFileSync(`${CORPUS_DIR}mxl/${name}`));
        if (rows.length === 0 || rows.every((row) => row.cells.every((text) => text === ""))) failures.push(`${name}: no text`);
        cells += rows.reduce((n, row) => n + row.cells.filter((text) => text !== "").length, 0);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBe(2523);
  });

  it("reads cells of other documents as 1C shows them (checked by hand against their text)", async () => {
    const example = await read("mxl/xu__e4f9ef__Пример.mxl");
    expect(example[0]).toEqual({
      rowNumber: 1,
      cells: ["Тип", "Вид", "ИмяПеременной", "ТЧ", "Реквизит", "Значение", "Режим", "ДополнительныйТипЗначения"],
    });
    expect(cell(example, "C2")).toBe("ГТ1");
    expect(cell(example, "E62")).toBe("РеквизитБулево");
    expect(cell(example, "F62")).toBe("Истина");
    expect(example.filter((row) => row.cells.length > 0).at(-1)!.rowNumber).toBe(62);
    const register = await read("mxl/xu__00b9f6__РегистрНакопления_ПоискРегистратора.mxl");
    expect(cell(register, "F4")).toBe("176");
    expect(cell(register, "F7")).toBe("Ложь");
    // {16,2,{1,1,{"","Наименование"}}}: a template parameter's name, shown empty.
    const exchange = await read("mxl/xu__0d98c3__СозданиеСправочникаСПомощьюОбменДаннымиЗагрузка.mxl");
    expect(cell(exchange, "E3")).toBe("Наименование");
    expect(cell(exchange, "F3")).toBe("");
  });
});

describeCorpus(".xlsx workbooks of the corpus", () => {
  it("finds parts whatever the case of their names (issue_419.xlsx stores xl/SharedStrings.xml, its rels say sharedStrings.xml)", async () => {
    expect(await read("xlsx/cal__03960a__issue_419.xlsx")).toEqual([{ rowNumber: 1, cells: ["Hello"] }]);
  });

  it("follows _rels/.rels to a workbook stored outside xl/ (los-angeles-arrests-xlsx.xlsx: /workbook.xml, /sheet1.xml)", async () => {
    const rows = await read("xlsx/rxl__96d750__los-angeles-arrests-xlsx.xlsx");
    expect(rows).toHaveLength(196);
    expect(cell(rows, "A1")).toBe("ARREST BOOKINGS for 01/30/17");
    expect(rows[2]!.cells.slice(0, 4)).toEqual(["BKG_NUM", "BKG_DT", "BKG_TM", "ARR_DIV"]);
    expect(cell(rows, "A4")).toBe("4894831");
    expect(cell(rows, "H4")).toBe("CAMPOS");
    expect(cell(rows, "E196")).toBe("        PARTHENIA");
    // calamine's copy of the same package (a workbook without xl/ and without sharedStrings).
    expect(await read("xlsx/cal__851327__minimal_package.xlsx")).toEqual(rows);
  });
});
