import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { checkRow } from "../src/import/rows.ts";
import { mxlRows } from "../src/readers/mxl.ts";
import { ENGLISH_TEXTS, localize } from "@tasklane/contract";
import { openRowReader } from "../src/readers/open.ts";
import { isFormulaWithoutValue, type SheetRow } from "../src/readers/types.ts";
import { CORPUS_DIR, corpusFile, describeCorpus } from "./helpers/corpus.ts";
import { readRows } from "./helpers/read.ts";

/** A row check as a person reads it in English: its skip reason written out. */
const skipReason = (check: ReturnType<typeof checkRow>) => ("skip" in check ? { skip: localize(check.skip, "en") } : check);

/** The text of the cell at `ref` ("B5": column B, row 5 as the spreadsheet numbers it), "" when absent. */
function cell(rows: SheetRow[], ref: string): string {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const column = [...letters!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  return rows.find((row) => row.rowNumber === Number(digits))?.cells[column] ?? "";
}

const read = (relative: string) => readRows(corpusFile(relative));

describeCorpus("1C .mxl documents of the corpus", () => {
  it('reads a cell\'s shown text, not its detail value (Макет09.mxl: {20,6,{"S","111"},{1,1,{"#","1"}},0})', async () => {
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

  it("reads an empty <v/> of a shared-string cell as empty, not as shared string 0 (empty_shared_string_value.xlsx)", async () => {
    const rows = await read("xlsx/cal__258597__empty_shared_string_value.xlsx");
    expect(rows).toEqual([
      { rowNumber: 1, cells: ["Name", "City", "Status"] },
      { rowNumber: 2, cells: ["Alice", "", "Active"] },
      { rowNumber: 3, cells: ["", "Berlin"] },
    ]);
  });

  it("reads an inline string's text only, not a <v> written beside it (inlineStr.xlsx D2: <v>1.0</v><is><t>1.</t></is>)", async () => {
    // LibreOffice reads D2 as empty; the XML holds the inline string "1." (and "1.0" in a <v> an inline string does not have).
    for (const file of [
      "xlsx/rxl__5c7166__inlineStr.xlsx",
      "xlsx/rxl__c5bc78__inlineStr2.xlsx",
      "xlsx/cal__b8a952__inlineStr_with_value.xlsx",
    ]) {
      const rows = await read(file);
      expect(cell(rows, "D2"), file).toBe("1.");
      expect(cell(rows, "A2"), file).toBe("1.0");
      expect(cell(rows, "E2"), file).toBe("RQ11610");
    }
  });

  it("decodes _xHHHH_ escapes in shared and inline strings (has_x000D_.xlsx, new_line_errors.xlsx)", async () => {
    // <t>ABC_x000D_\r\nDEF</t>: XML reads the line end as \n, the escape is Excel's CR.
    expect(cell(await read("xlsx/cal__372c35__has_x000D_.xlsx"), "A1")).toBe("ABC\r\nDEF");
    expect(cell(await read("xlsx/cal__b16b68__has_x000D_inline.xlsx"), "A1")).toBe("ABC\r\nDEF");
    const rows = await read("xlsx/rxl__3f8654__new_line_errors.xlsx");
    expect(cell(rows, "A2")).toBe(
      "first line of text \r\nsecond line of text \r\ni don't know what type of line feed I've used \r\nlast line",
    );
    // _x005F_ is an escaped underscore: the cell's text is a literal _x000D_.
    expect(cell(rows, "A3")).toBe('Will show "_x000D_" in every new line in cell above');
  });

  it("reads a literal CR LF in a cell's XML as a line feed, as XML says (HiWatch price list D5)", async () => {
    const rows = await read("xlsx/elm__292ba2__hiwatch_pricelist.xlsx");
    expect(cell(rows, "D5")).toMatch(/^2Мп уличная цилиндрическая HD-TVI камера с EXIR ИК-подсветкой до 20м\n2MP CMOS матрица;/);
  });

  it("marks a formula without a saved value, and the import says so (missing-v-node-xlsx.xlsx C2: <f>A2 + B2</f>, no <v>)", async () => {
    const reader = await openRowReader(corpusFile("xlsx/rxl__6c7796__missing-v-node-xlsx.xlsx"));
    const rows: SheetRow[] = [];
    for await (const row of reader.rows()) rows.push(row);
    expect(rows.map((row) => [...row.cells])).toEqual([
      ["A", "B", "A + B"],
      ["1", "2"],
    ]);
    const [header, data] = rows;
    expect(isFormulaWithoutValue(data!.cells, 2)).toBe(true);
    expect([0, 1].map((column) => isFormulaWithoutValue(data!.cells, column))).toEqual([false, false]);
    expect([0, 1, 2].map((column) => isFormulaWithoutValue(header!.cells, column))).toEqual([false, false, false]);
    expect(skipReason(checkRow(2, data!.cells, { partNumber: 0, price: 2 }, "competitor"))).toEqual({
      skip: "price is a formula with no saved value: open the file in Excel (or LibreOffice) and save it again",
    });
    expect(skipReason(checkRow(2, data!.cells, { partNumber: 0, price: 1, quantity: 2 }, "stock"))).toEqual({
      skip: "quantity is a formula with no saved value: open the file in Excel (or LibreOffice) and save it again",
    });
    // An empty price that is not such a formula keeps its usual reason.
    expect(skipReason(checkRow(2, data!.cells, { partNumber: 0, price: 3 }, "competitor"))).toEqual({
      skip: "price is not a positive number: ''",
    });
  });

  it("calls a workbook saved with a password password-protected, not an old .xls (pass_protected.xlsx: an OLE file with an EncryptedPackage)", async () => {
    await expect(openRowReader(corpusFile("xlsx/cal__46bdcf__pass_protected.xlsx"))).rejects.toThrow(
      ENGLISH_TEXTS["file.passwordProtected"],
    );
  });
});
