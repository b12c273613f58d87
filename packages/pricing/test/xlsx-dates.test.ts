import { describe, expect, it } from "vitest";
import { isDateFormatCode, serialToIsoDate } from "../src/readers/xlsx-dates.ts";
import { corpusFile, describeCorpus } from "./helpers/corpus.ts";
import { readRows } from "./helpers/read.ts";

describe("date serials", () => {
  it("read as ISO dates in the 1900 system, Excel's 29 February 1900 included, and in the 1904 system", () => {
    expect(serialToIsoDate("1", false)).toBe("1900-01-01");
    expect(serialToIsoDate("59", false)).toBe("1900-02-28");
    expect(serialToIsoDate("60", false)).toBe("1900-02-29");
    expect(serialToIsoDate("61", false)).toBe("1900-03-01");
    expect(serialToIsoDate("44197.75", false)).toBe("2021-01-01");
    expect(serialToIsoDate("2958465", false)).toBe("9999-12-31");
    expect(serialToIsoDate("1", true)).toBe("1904-01-02");
    expect(serialToIsoDate("42735", true)).toBe("2021-01-01");
    // A time of day alone, past 9999, or no number: not a date.
    expect(serialToIsoDate("0.5", false)).toBeUndefined();
    expect(serialToIsoDate("2958466", false)).toBeUndefined();
    expect(serialToIsoDate("abc", false)).toBeUndefined();
  });

  it("a custom format shows a date when it has a day or year part outside quotes and brackets", () => {
    expect(isDateFormatCode("dd.mm.yyyy")).toBe(true);
    expect(isDateFormatCode('[$-419]d mmmm yyyy "г."')).toBe(true);
    expect(isDateFormatCode("yyyy-mm-dd hh:mm")).toBe(true);
    expect(isDateFormatCode("hh:mm:ss")).toBe(false);
    expect(isDateFormatCode("[h]:mm:ss")).toBe(false);
    expect(isDateFormatCode('#,##0 "дней"')).toBe(false);
    expect(isDateFormatCode("#,##0.00 [$₽-419];[Red]-#,##0.00 [$₽-419]")).toBe(false);
    expect(isDateFormatCode("General")).toBe(false);
  });
});

describeCorpus("date cells of the corpus", () => {
  it("read as LibreOffice shows them, in both date systems", async () => {
    // oracle/shown: 2021-01-01, 2021-01-02, then a time ([h]:mm:ss, 255:10:10), which stays a number.
    const expected = [
      ["2021-01-01", "15"],
      ["2021-01-02", "16"],
      ["10.6320601851852", "17"],
    ];
    expect((await readRows(corpusFile("xlsx/cal__73e151__date.xlsx"))).map((row) => row.cells)).toEqual(expected);
    expect((await readRows(corpusFile("xlsx/cal__9e6c4b__date_1904.xlsx"))).map((row) => row.cells)).toEqual(expected);
    // date1904="1" in workbookPr, and an x14:workbookPr without it later in the workbook: oracle 5/5/2018.
    const mac = await readRows(corpusFile("xlsx/ref__438510__1904-based-dates.xlsx"));
    expect(mac.slice(1).map((row) => row.cells[0])).toEqual(Array(mac.length - 1).fill("2018-05-05"));
    // Quoted text and locale codes in custom formats ("January 2021", "令和3年1月1日"): all 2021-01-01.
    expect((await readRows(corpusFile("xlsx/cal__6a3a3b__date_quoted_format.xlsx"))).map((row) => row.cells[0])).toEqual(
      Array(4).fill("2021-01-01"),
    );
  });

  it("count Excel's 29 February 1900, as the file's own text column says (LibreOffice shows a day earlier before March 1900)", async () => {
    // Both sheets: a header row each, and days before 1900 that Excel cannot hold, stored as text.
    const rows = (await readRows(corpusFile("xlsx/rxl__1f940f__dates-leap-year-1900-xlsx.xlsx"))).filter(
      (row) => row.cells[0] !== "dttm" && !row.cells[0]!.startsWith("1899"),
    );
    expect(rows).toHaveLength(14);
    for (const row of rows) expect(row.cells[0]).toBe(row.cells[1]!.slice(0, 10));
  });
});

describeCorpus("calamine's issue252.xlsx (a workbook relationships part that is not XML)", () => {
  it("is read through the usual part names, as Excel does", async () => {
    // LibreOffice reads nothing from it (its oracle CSV is empty); the sheet's XML holds these cells.
    expect(await readRows(corpusFile("xlsx/cal__ab20df__issue252.xlsx"))).toEqual([
      { rowNumber: 1, cells: ["data"] },
      { rowNumber: 2, cells: ["", "1.0"] },
      { rowNumber: 3, cells: ["", "", "2.0"] },
      { rowNumber: 4, cells: ["", "", "", "3.0"] },
      { rowNumber: 5, cells: ["", "", "", "", "6"] },
    ]);
  });
});
