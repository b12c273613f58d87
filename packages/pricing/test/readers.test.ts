import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { detectFileFormat, StockFileError } from "../src/index.ts";
import { CsvParser, detectDelimiter } from "../src/readers/csv-parser.ts";
import { MAX_NUMBER_CHARS, parseNumber } from "../src/readers/numbers.ts";
import { columnIndex } from "../src/readers/xlsx.ts";
import { FastXmlParser } from "../src/readers/fast-xml.ts";
import { createXmlParser, type XmlHandlers } from "../src/readers/xml-stream.ts";
import { LIMITS } from "../src/readers/limits.ts";
import { openRowReader } from "../src/readers/open.ts";
import type { SheetRow } from "../src/readers/types.ts";
import { fileEnv } from "./helpers/env.ts";
import { MXL8_HEADER, mxl8 } from "./helpers/mxl.ts";
import { readRows } from "./helpers/read.ts";
import { rawXlsx } from "./helpers/xlsx.ts";
import { makeZip } from "./helpers/zip.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("detectFileFormat", () => {
  it("tells formats apart by their bytes", () => {
    expect(detectFileFormat(makeZip([{ name: "a.txt", data: "x" }]))).toBe("xlsx");
    expect(detectFileFormat(bytes("Артикул;Цена\nA1;10\n"))).toBe("csv");
    expect(detectFileFormat(bytes("\uFEFFPN,Price\n"))).toBe("csv");
    expect(detectFileFormat(mxl8([["PN", "Price"]]))).toBe("mxl8");
    expect(detectFileFormat(Buffer.concat([MXL8_HEADER, Buffer.from([1, 0, 0, 0, 7, 0, 0xff])]))).toBe("mxl77");
    expect(detectFileFormat(new Uint8Array())).toBe("unknown");
    expect(detectFileFormat(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe("unknown");
    // UTF-16 with its BOM is a CSV (csv-encodings.test.ts); without it, its NUL bytes say binary.
    expect(detectFileFormat(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]))).toBe("csv");
    expect(detectFileFormat(Uint8Array.from([0x41, 0x00, 0x42, 0x00]))).toBe("unknown");
  });

  it("accepts a UTF-8 sample cut in the middle of a letter", () => {
    const text = bytes("Наименование");
    expect(detectFileFormat(text.subarray(0, 3))).toBe("csv");
  });
});

describe("parseNumber", () => {
  it.each([
    ["1234.5", 1234.5],
    ["1 234,56", 1234.56],
    ["1\u00a0234,56", 1234.56],
    ["1\u202f234", 1234],
    ["1,234.50", 1234.5],
    ["1.234,50", 1234.5],
    ["12,5", 12.5],
    ["1,234,567", 1234567],
    ["-3", -3],
    ["1e3", 1000],
    [" 42 ", 42],
  ])("reads %j as %d", (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(["", "abc", "12 руб", "1-2", "--1", ".", "$5", "5 €", "1e", "1e3.5", "0x10", "Infinity", "1e999"])("rejects %j", (text) =>
    expect(parseNumber(text)).toBeUndefined(),
  );

  it(`reads up to ${MAX_NUMBER_CHARS} characters in one pass, and refuses longer text unread`, () => {
    expect(parseNumber("1".repeat(MAX_NUMBER_CHARS))).toBe(Number("1".repeat(MAX_NUMBER_CHARS)));
    expect(parseNumber("1".repeat(MAX_NUMBER_CHARS + 1))).toBeUndefined();
    // 300 KB of digits and a letter: about two minutes in the backtracking pattern this replaced.
    expect(parseNumber(`${"1".repeat(300_000)}x`)).toBeUndefined();
    // The double nearest to -11111111111111111111.5, as JavaScript reads that literal.
    expect(parseNumber(`-${" 1".repeat(20)},5`)).toBe(Number(`-${"1".repeat(20)}.5`));
  });
});

describe("CSV parsing", () => {
  it("handles quoted fields with doubled quotes and line breaks, across pushes", () => {
    const parser = new CsvParser(",");
    const text = 'PN,Name,Price\r\nA1,"Кабель ""UTP""\nкат. 5e",10\r\n"B,2",x,"1,5"\n';
    const rows = [...text].flatMap((c) => parser.push(c)).concat(parser.end());
    expect(rows).toEqual([
      { rowNumber: 1, cells: ["PN", "Name", "Price"] },
      { rowNumber: 2, cells: ["A1", 'Кабель "UTP"\nкат. 5e', "10"] },
      { rowNumber: 3, cells: ["B,2", "x", "1,5"] },
    ]);
  });

  it("reads the same records whole and split at any point: lone CR, CRLF, quotes inside and after fields, empty fields", () => {
    const text = 'a;b""c;"q""1";"x"y\r\r\n;;\r"";2;\n1;"CR\r\nLF";ab"\rlast';
    const expected = [
      { rowNumber: 1, cells: ["a", 'b""c', 'q"1', "xy"] },
      { rowNumber: 2, cells: [] },
      { rowNumber: 3, cells: [] },
      { rowNumber: 4, cells: ["", "2"] },
      { rowNumber: 5, cells: ["1", "CR\r\nLF", 'ab"'] },
      { rowNumber: 6, cells: ["last"] },
    ];
    const parse = (pieces: string[]) => {
      const parser = new CsvParser(";");
      return pieces.flatMap((piece) => parser.push(piece)).concat(parser.end());
    };
    expect(parse([text])).toEqual(expected);
    for (let at = 0; at <= text.length; at++) expect(parse([text.slice(0, at), text.slice(at)])).toEqual(expected);
  });

  it("refuses a record wider than a spreadsheet and a field too long to be real", () => {
    expect(() => new CsvParser(",").push(`${"x,".repeat(20_000)}\n`)).toThrow(/Row 1 has more than 16,384 columns/);
    const parser = new CsvParser(",");
    expect(() => {
      for (let i = 0; i < 300; i++) parser.push(i === 0 ? `"${"я".repeat(4096)}` : "я".repeat(4096));
    }).toThrow(/cell text too long/);
  });

  it("detects the delimiter", () => {
    expect(detectDelimiter("Артикул;Наименование;Цена\nA1;Кабель;1 234,56\nA2;Мышь;12,5\n")).toBe(";");
    expect(detectDelimiter('PN,Name,Price\nA1,"Cable; 5m",10\nA2,Mouse,12.5\n')).toBe(",");
    expect(detectDelimiter("PN,Price\n")).toBe(",");
  });
});

describe("xlsx reader", () => {
  it("reads shared and inline strings, numbers stored as text, a sheet placed before sharedStrings.xml", async () => {
    const env = fileEnv();
    const file = env.file(
      "a.xlsx",
      rawXlsx({
        sheetFirst: true,
        rows: [
          { r: 1, cells: ["Прайс поставщика"] },
          { r: 3, cells: ["Артикул", { inline: "Наименование" }, "Цена"] },
          { r: 4, cells: ["A-1", { inline: "Кабель <UTP> & co" }, { text: "1 234,56" }] },
          { r: 6, cells: [null, "только B", 7.5] },
        ],
      }),
    );
    expect(await readRows(file)).toEqual([
      { rowNumber: 1, cells: ["Прайс поставщика"] },
      { rowNumber: 3, cells: ["Артикул", "Наименование", "Цена"] },
      { rowNumber: 4, cells: ["A-1", "Кабель <UTP> & co", "1 234,56"] },
      { rowNumber: 6, cells: ["", "только B", "7.5"] },
    ]);
  });

  it("reads rows and cells without r attributes, dimension-free and with prefixed elements", async () => {
    const env = fileEnv();
    const file = env.file(
      "b.xlsx",
      rawXlsx({
        prefix: "x",
        rows: [{ cells: ["PN", "Price"] }, { cells: ["Z1", 3] }, { r: 5, noCellRefs: true, cells: ["Z2", 4] }],
      }),
    );
    expect(await readRows(file)).toEqual([
      { rowNumber: 1, cells: ["PN", "Price"] },
      { rowNumber: 2, cells: ["Z1", "3"] },
      { rowNumber: 5, cells: ["Z2", "4"] },
    ]);
  });

  it("keeps Cyrillic letters whole where they cross inflated chunk boundaries", async () => {
    const env = fileEnv();
    const names = Array.from({ length: 20_000 }, (_, i) => `Блок питания ёЖЩ №${i} — «${"Ю".repeat(i % 7)}»`);
    const file = env.file(
      "long.xlsx",
      rawXlsx({
        rows: [
          { r: 1, cells: ["PN", "Name", "Inline"] },
          ...names.map((name, i) => ({ r: i + 2, cells: [`P${i}`, name, { inline: name }] })),
        ],
      }),
    );
    const rows = await readRows(file);
    expect(rows).toHaveLength(names.length + 1);
    rows.slice(1).forEach((row, i) => {
      expect(row.cells[1]).toBe(names[i]);
      expect(row.cells[2]).toBe(names[i]);
    });
    expect(rows.some((row) => row.cells.some((c) => c.includes("\uFFFD")))).toBe(false);
  });

  it("reads a workbook written by exceljs", async () => {
    const env = fileEnv();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист1");
    ws.addRow(["Part number", "Name", "Price", "Qty"]);
    ws.addRow(["ex-1", "Сервер", 1500.25, 3]);
    ws.addRow(["ex-2", "Диск", "99,90", null]);
    await wb.xlsx.writeFile(`${env.dir}/exceljs.xlsx`);
    expect(await readRows(`${env.dir}/exceljs.xlsx`)).toEqual([
      { rowNumber: 1, cells: ["Part number", "Name", "Price", "Qty"] },
      { rowNumber: 2, cells: ["ex-1", "Сервер", "1500.25", "3"] },
      { rowNumber: 3, cells: ["ex-2", "Диск", "99,90"] },
    ]);
  });

  it("fails on a truncated workbook with a message to save it again", async () => {
    const env = fileEnv();
    const whole = rawXlsx({ rows: [{ r: 1, cells: ["PN", "Price"] }] });
    const file = env.file("t.xlsx", whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(readRows(file)).rejects.toThrow(StockFileError);
    await expect(readRows(file)).rejects.toThrow(/damaged or incomplete.*\.xlsx/);
  });

  it("tells a zip without a worksheet from a workbook", async () => {
    const env = fileEnv();
    const file = env.file("notes.zip", makeZip([{ name: "word/document.xml", data: "<w/>" }]));
    await expect(readRows(file)).rejects.toThrow(/zip archive without a worksheet, so it is not an \.xlsx workbook/);
  });

  it("reads stored (uncompressed) entries and rich-text shared strings", async () => {
    const env = fileEnv();
    const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>`;
    const sst = `<sst><si><r><t>Арти</t></r><r><t>кул</t></r><rPh><t>ignored</t></rPh></si><si><t>Цена</t></si></sst>`;
    const file = env.file(
      "stored.xlsx",
      makeZip([
        { name: "xl/worksheets/sheet1.xml", data: sheet, store: true },
        { name: "xl/sharedStrings.xml", data: sst, store: true },
      ]),
    );
    expect(await readRows(file)).toEqual([{ rowNumber: 1, cells: ["Артикул", "Цена"] }]);
  });

  it("keeps only non-empty cells: an empty cell far right costs nothing, a value past the columns read is left out", async () => {
    const env = fileEnv();
    const sheet =
      `<worksheet><sheetData>` +
      `<row r="1"><c r="A1" t="inlineStr"><is><t>PN</t></is></c><c r="XFD1"/></row>` +
      `<row r="2"><c r="XFD2"/></row>` +
      `<row r="3"><c r="AMJ3"><v>7</v></c><c r="AMK3"><v>8</v></c></row>` +
      `<row r="4"><c r="C4"><v>1</v></c><c r="A4"><v>2</v></c></row>` +
      `</sheetData></worksheet>`;
    const file = env.file("sparse.xlsx", makeZip([{ name: "xl/worksheets/sheet1.xml", data: sheet }]));
    const reader = await openRowReader(file);
    const rows: SheetRow[] = [];
    for await (const row of reader.rows()) rows.push(row);
    expect(rows.map((r) => r.cells.length)).toEqual([1, 0, LIMITS.readColumns, 3]);
    expect(rows[2]!.cells.at(-1)).toBe("7");
    expect(rows[3]!.cells).toEqual(["2", "", "1"]);
  });

  it("maps column letters", () => {
    expect([columnIndex("A1"), columnIndex("C5"), columnIndex("Z9"), columnIndex("AA10"), columnIndex("7")]).toEqual([0, 2, 25, 26, -1]);
  });
});

describe("1C mxl reader", () => {
  it("reads the grid of a hand-made 8.x document", async () => {
    const env = fileEnv();
    const file = env.file(
      "doc.mxl",
      mxl8(
        [
          ["Остатки на складе"],
          [],
          ["Артикул", "Наименование", "Производитель", "Остаток", "Цена"],
          ["M-1", 'Кабель "UTP", 5 м', "Hyperline", "10", "1 234,50"],
          ["M-2", null, "Noname", "", "99"],
          ["M-3", "Ещё строка", null, "1", "5"],
        ],
        { emptyRowsAt: [4] },
      ),
    );
    expect(await readRows(file)).toEqual([
      { rowNumber: 1, cells: ["Остатки на складе"] },
      { rowNumber: 2, cells: [] },
      { rowNumber: 3, cells: ["Артикул", "Наименование", "Производитель", "Остаток", "Цена"] },
      { rowNumber: 4, cells: ["M-1", 'Кабель "UTP", 5 м', "Hyperline", "10", "1 234,50"] },
      { rowNumber: 6, cells: ["M-3", "Ещё строка", "", "1", "5"] },
    ]);
  });

  it("rejects a 7.7 document and a damaged 8.x one with a message to save as .xlsx", async () => {
    const env = fileEnv();
    const old = env.file("old.mxl", Buffer.concat([MXL8_HEADER, Buffer.from([6, 0, 3, 0, 0, 0, 0xff, 0x10, 0x80])]));
    await expect(readRows(old)).rejects.toThrow(/7\.7.*save the document from 1C.*\.xlsx/i);
    const cut = mxl8([
      ["PN", "Price"],
      ["A", "1"],
    ]);
    const damaged = env.file("cut.mxl", cut.subarray(0, cut.length - 20));
    await expect(readRows(damaged)).rejects.toThrow(/1C document is damaged or incomplete/);
  });
});

describe("unrecognised files", () => {
  it("names the problem and tells the person what to do", async () => {
    const env = fileEnv();
    await expect(readRows(env.file("empty.csv", ""))).rejects.toThrow(/The file is empty\. Save .*\.xlsx/);
    await expect(readRows(env.file("x.bin", Buffer.from([0, 1, 2, 0xff, 0xfe])))).rejects.toThrow(/not recognised/);
    await expect(readRows(env.file("old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])))).rejects.toThrow(
      /\.xls\b.*not supported/,
    );
    // 8-bit text whose high bytes are not mostly Cyrillic letters is not guessed at (Windows-1251 would be).
    await expect(readRows(env.file("latin.csv", Buffer.from([0x41, 0x80, 0x81, 0x3b, 0x31, 0x0a])))).rejects.toThrow(StockFileError);
  });
});

describe("the quick XML tokenizer of worksheets and shared strings", () => {
  const SAMPLE =
    `\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- written by hand -->` +
    `<x:worksheet xmlns:x="urn:x" a = 'q"uote' b="&lt;&amp;&#x41;&#66;&quot;&apos;&gt;"><x:sheetData>\n  ` +
    `<x:row r="1" spans="1:3"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve"> Кабель &lt;UTP&gt; &amp; co </x:t></x:is></x:c>` +
    `<x:c r="B1"><x:v>1.5</x:v></x:c><x:c r="C1"/><x:c r="D1" t="str"><x:v><![CDATA[a<b>&c]]></x:v></x:c></x:row>` +
    `<?pi inside?><x:row r="2"><x:c><x:v>😀 ёЖ</x:v></x:c></x:row></x:sheetData></x:worksheet >`;

  const events = (feed: (handlers: XmlHandlers) => void): string[] => {
    const out: string[] = [];
    let text = "";
    let depth = 0;
    // Text outside the root element (line breaks around the prolog) means nothing to either reader.
    const flush = () => {
      if (text !== "" && depth > 0) out.push(`text ${text}`);
      text = "";
    };
    feed({
      open: (name, tag) => {
        flush();
        depth++;
        out.push(`open ${name} ${JSON.stringify(tag.attributes)}`);
      },
      close: (name) => {
        flush();
        depth--;
        out.push(`close ${name}`);
      },
      text: (t) => (text += t),
    });
    return out;
  };

  it("hands out the same elements, attributes and text as saxes, wherever the chunks are cut", () => {
    const expected = events((h) => createXmlParser(h).write(SAMPLE.slice(1)).close());
    expect(expected.length).toBeGreaterThan(20);
    for (let cut = 0; cut <= SAMPLE.length; cut++) {
      const got = events((h) => new FastXmlParser(h).write(SAMPLE.slice(0, cut)).write(SAMPLE.slice(cut)).close());
      expect(got, `cut at ${cut}`).toEqual(expected);
    }
    expect(events((h) => [...SAMPLE].reduce((p, c) => p.write(c), new FastXmlParser(h)).close())).toEqual(expected);
  });

  it.each([
    ['<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', /DOCTYPE/],
    ["<x>&nbsp;</x>", /undefined entity &nbsp;/],
    ["<x>a & b</x>", /an & that starts no entity/],
    ["<x><y></x>", /<\/x> closes <y>/],
    ["<x><y>", /ends before <\/y>/],
    ["<x a=b/>", /unquoted attribute/],
    ["<x a/>", /malformed attribute/],
    ["<x a >", /attribute without a value/],
    ["<x>&#xFFFFFFF;</x>", /names no character/],
  ])("refuses %j", (xml, message) => {
    expect(() => new FastXmlParser({ text: () => {} }).write(xml).close()).toThrow(message);
  });
});
