import { StockImportResultSchema } from "@tasklane/contract";
import { describe, expect, it } from "vitest";
import { StockFileError, importStock } from "../src/index.ts";
import { LIMITS } from "../src/readers/limits.ts";
import { dialects, offers, stagingTables, testEnv, workContext } from "./helpers/env.ts";
import { sharedStringsXml, worksheetXml, xlsxWithParts, xlsxWithSheet, zipBombXlsx } from "./helpers/hostile-xlsx.ts";
import { MXL8_HEADER, mxl8 } from "./helpers/mxl.ts";

/** How much more memory a hostile file may cost the process while it is refused. */
const MEMORY_BOUND_MB = 150;

const LAUGHS =
  `<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">` +
  ["b", "c", "d", "e", "f", "g", "h"].map((n, i) => `<!ENTITY ${n} "${`&${"abcdefg"[i]};`.repeat(10)}">`).join("") +
  `]>`;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csv = (text: string) => Buffer.from(text, "utf8");
const count = (n: number) => n.toLocaleString("en-US");
/** 600,000 letters: under the cell cap alone, over it twice. */
const HALF_CAP = "a".repeat(600_000);

const hostile: [string, () => Buffer, RegExp][] = [
  ["a zip bomb: a sheet that inflates to 600 MB", () => zipBombXlsx(600), /too large|limit|too long/i],
  [
    "XML with entity expansion (a billion laughs)",
    () => xlsxWithSheet(worksheetXml(`<row r="2"><c r="A2" t="inlineStr"><is><t>&h;&h;&h;</t></is></c></row>`, LAUGHS)),
    /damaged|entit|DOCTYPE/i,
  ],
  ["a 200,000-column row", () => xlsxWithSheet(worksheetXml(`<row r="2">${"<c><v>1</v></c>".repeat(200_000)}</row>`)), /column/i],
  [
    "8-bit text that is neither UTF-8 nor Cyrillic Windows-1251 (a byte 0x98, undefined there)",
    () => Buffer.from([0x50, 0x4e, 0x3b, 0x98, 0x81, 0x0a, 0x41, 0x2d, 0x31, 0x3b, 0x31, 0x30, 0x0a]),
    /not recognised/,
  ],
  [
    "a truncated 1C mxl",
    () =>
      mxl8([
        ["Артикул", "Цена"],
        ["A-1", "10"],
      ]).subarray(0, 60),
    /1C|xlsx/i,
  ],
  ["a bare MOXCEL header", () => MXL8_HEADER, /xlsx/i],
  // Each text node is under the cell cap; the cell's text in all is over it (a 5.4-million-character part number was imported so).
  [
    "an inline cell whose text is split by a child element (<t>aaa…<x/>aaa…</t>)",
    () => xlsxWithSheet(worksheetXml(`<row r="2"><c r="A2" t="inlineStr"><is><t>${HALF_CAP}<x/>${HALF_CAP}</t></is></c></row>`)),
    /cell text too long to be real \(over 1,000,000 characters\)/,
  ],
  [
    "an inline cell of two rich-text runs",
    () =>
      xlsxWithSheet(
        worksheetXml(`<row r="2"><c r="A2" t="inlineStr"><is><r><t>${HALF_CAP}</t></r><r><t>${HALF_CAP}</t></r></is></c></row>`),
      ),
    /cell text too long to be real/,
  ],
  [
    "a shared string split by a child element",
    () =>
      xlsxWithParts(worksheetXml(`<row r="2"><c r="A2" t="s"><v>0</v></c></row>`), sharedStringsXml([`<t>${HALF_CAP}<x/>${HALF_CAP}</t>`])),
    /cell text too long to be real/,
  ],
  [
    "a shared string of two rich-text runs",
    () =>
      xlsxWithParts(
        worksheetXml(`<row r="2"><c r="A2" t="s"><v>0</v></c></row>`),
        sharedStringsXml([`<r><t>${HALF_CAP}</t></r><r><t>${HALF_CAP}</t></r>`]),
      ),
    /cell text too long to be real/,
  ],
  // A 6 KB file of this once ran 767 s in 2.4 GB: every row became 16,384 empty cells.
  [
    `${count(LIMITS.emptyRowRun + 1)} rows of one empty cell in the last column (<c r="XFD1"/>)`,
    () => xlsxWithSheet(worksheetXml('<row><c r="XFD1"/></row>'.repeat(LIMITS.emptyRowRun + 1))),
    new RegExp(`more than ${count(LIMITS.emptyRowRun)} empty rows in a row, from row 2 on`),
  ],
  [
    `${count(LIMITS.emptyRowRun + 1)} rows whose only value is in the last column (XFD), past the columns read`,
    () => xlsxWithSheet(worksheetXml('<row><c r="XFD1"><v>1</v></c></row>'.repeat(LIMITS.emptyRowRun + 1))),
    /more than 100,000 empty rows in a row, from row 2 on/,
  ],
  [
    "a row listing the same empty cell more times than a row has columns",
    () => xlsxWithSheet(worksheetXml(`<row r="2">${'<c r="A2"/>'.repeat(LIMITS.cellsPerRow + 1)}</row>`)),
    new RegExp(`Row 2 has more than ${count(LIMITS.cellsPerRow)} cells \\(empty ones included\\)`),
  ],
  [
    `a CSV of ${count(LIMITS.emptyRowRun + 1)} empty lines after its data`,
    () => csv(`PN,Price\nA,1\n${"\n".repeat(LIMITS.emptyRowRun + 1)}B,2\n`),
    new RegExp(`more than ${count(LIMITS.emptyRowRun)} empty rows in a row, from row 3 on`),
  ],
  [
    "a CSV of lines of commas only (empty rows as wide as a sheet)",
    () => csv(`PN,Price\nA,1\n${",,,,,,,,,,,,,,,,,,,\n".repeat(LIMITS.emptyRowRun + 1)}`),
    /empty rows in a row/,
  ],
  // One 999,000-character shared string in 8,000 cells of one row: the decoded row would take 16 GB.
  [
    "one long shared string placed in 8,000 cells of one row",
    () =>
      xlsxWithParts(
        worksheetXml(`<row r="2">${'<c t="s"><v>0</v></c>'.repeat(8_000)}</row>`),
        sharedStringsXml([`<t>${"x".repeat(999_000)}</t>`]),
      ),
    new RegExp(`Row 2 holds more than ${count(LIMITS.rowChars)} characters of text in all its cells`),
  ],
  // 40 MB of "{" after a valid header once ran the process out of heap.
  [
    "a 1C mxl of lists nested 2,000,000 deep",
    () => Buffer.concat([MXL8_HEADER, BOM, Buffer.alloc(2_000_000, "{")]),
    new RegExp(`The 1C document nests its lists more than ${count(LIMITS.mxlDepth)} levels deep`),
  ],
  [
    "a 1C mxl of more items than one document may hold",
    () => Buffer.concat([MXL8_HEADER, BOM, csv(`{${"1,".repeat(LIMITS.mxlNodes)}1}`)]),
    new RegExp(`The 1C document holds more than ${count(LIMITS.mxlNodes)} items`),
  ],
];

describe.each(dialects)("%s", (dialect) => {
  describe("hostile files end as a clear error, keep the previous rows, and memory stays bounded", () => {
    it.each(hostile)("%s", async (_name, make, message) => {
      const env = await testEnv(dialect);
      await importStock(env.db, { filePath: env.file("old.csv", "PN,Price\nOLD,1\n"), supplier: "S", kind: "stock" }, workContext());
      const file = env.file("hostile", make());
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const error = await importStock(env.db, { filePath: file, supplier: "S", kind: "stock" }, workContext()).catch((e: unknown) => e);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(error).toBeInstanceOf(StockFileError);
      expect((error as Error).message).toMatch(message);
      expect((peak - before) / 1024 / 1024).toBeLessThan(MEMORY_BOUND_MB);
      expect((await offers(env.db)).map((o) => o.partNumber)).toEqual(["OLD"]);
      expect(await stagingTables(env.db)).toBe(0);
    });
  });

  describe("hostile cells are skipped with a short reason, the rest of the file imported", () => {
    it("a price cell of 40,000 digits is skipped as too long to be a number (it once froze the event loop for seconds)", async () => {
      const env = await testEnv(dialect);
      const digits = `${"1".repeat(40_000)}x`;
      const file = env.file("digits.csv", `PN;Price\nA-1;10\nA-2;${digits}\nA-3;1 234,5\n`);
      const result = await importStock(env.db, { filePath: file, supplier: "S", kind: "stock" }, workContext());
      expect(result).toMatchObject({ rowsTotal: 3, imported: 2, skipped: 1 });
      expect(result.skippedRows).toMatchObject([
        { row: 3, reason: `price is too long to be a number (40,001 characters, at most 64): '${"1".repeat(100)}…'` },
      ]);
      expect((await offers(env.db)).map((o) => o.price)).toEqual([10, 1234.5]);
    });

    it("100 price cells pointing at one 999,000-character shared string: 100 short reasons, not a 100 MB result", async () => {
      const env = await testEnv(dialect);
      const rows = Array.from(
        { length: 100 },
        (_, i) => `<row r="${i + 2}"><c t="inlineStr"><is><t>P${i}</t></is></c><c t="s"><v>0</v></c></row>`,
      );
      const file = env.file(
        "long-price.xlsx",
        xlsxWithParts(
          worksheetXml(`${rows.join("")}<row r="102"><c t="inlineStr"><is><t>OK</t></is></c><c><v>5</v></c></row>`),
          sharedStringsXml([`<t>${"7".repeat(999_000)}</t>`]),
        ),
      );
      const result = await importStock(env.db, { filePath: file, supplier: "S", kind: "stock" }, workContext());
      expect(result).toMatchObject({ rowsTotal: 101, imported: 1, skipped: 100 });
      expect(result.skippedRows[0]).toMatchObject({
        row: 2,
        sheet: "Остатки",
        reason: `price is too long to be a number (999,000 characters, at most 64): '${"7".repeat(100)}…'`,
      });
      // Each reason is there twice, in English and as its key with the quoted cell: still about 450 characters a row.
      expect(JSON.stringify(result).length).toBeLessThan(50_000);
      expect(StockImportResultSchema.parse(result)).toEqual(result);
    });

    it("a part number over 200 characters is skipped, a name over 1,000 is cut, a vendor over 200 is cut", async () => {
      const env = await testEnv(dialect);
      const longPn = "P".repeat(201);
      const file = env.file(
        "long-fields.csv",
        `PN;Price;Name;Vendor\n${longPn};5\nN-1;6;${"Я".repeat(1_500)};${"V".repeat(300)}\nN-2;7;${"ё".repeat(1_000)};Acme\n`,
      );
      const result = await importStock(env.db, { filePath: file, supplier: "S", kind: "competitor" }, workContext());
      expect(result).toMatchObject({ rowsTotal: 3, imported: 2, skipped: 1 });
      expect(result.skippedRows).toMatchObject([
        { row: 2, reason: `part number is longer than 200 characters (201): '${"P".repeat(100)}…'` },
      ]);
      const components = await env.db.kysely
        .selectFrom("components")
        .select(["part_number", "name", "vendor"])
        .orderBy("part_number")
        .execute();
      expect(components).toEqual([
        { part_number: "N-1", name: `${"Я".repeat(999)}…`, vendor: `${"V".repeat(199)}…` },
        { part_number: "N-2", name: "ё".repeat(1_000), vendor: "Acme" },
      ]);
    });
  });

  describe("the cap on cells in all", () => {
    /** Runs with LIMITS.fileCells lowered: a file over the real cap (50 million cells) takes a minute to read. */
    async function withFileCells<T>(cap: number, run: () => Promise<T>): Promise<T> {
      const limits = LIMITS as { fileCells: number };
      const real = limits.fileCells;
      limits.fileCells = cap;
      try {
        return await run();
      } finally {
        limits.fileCells = real;
      }
    }

    it.each([
      ["xlsx <c> elements, empty ones included", () => xlsxWithSheet(worksheetXml("<row><c/><c/><c/><c/><c/></row>".repeat(300)))],
      ["xlsx rows counted up to their last cell", () => xlsxWithSheet(worksheetXml('<row><c r="J1"><v>1</v></c></row>'.repeat(200)))],
      ["CSV fields", () => csv(`PN,Price\n${"A,1,,,,,,,,x\n".repeat(200)}`)],
    ])("%s", async (_name, make) => {
      const env = await testEnv(dialect);
      const file = env.file("cells", make());
      const error = await withFileCells(1_000, () =>
        importStock(env.db, { filePath: file, supplier: "S", kind: "stock" }, workContext()).catch((e: unknown) => e),
      );
      expect(error).toBeInstanceOf(StockFileError);
      expect((error as Error).message).toBe(
        "The file has more than 1,000 cells (empty ones included), more than one import reads. Remove empty columns and rows, or split it into smaller files.",
      );
    });
  });

  describe("empty rows still let the event loop run", () => {
    it("a cancel during a long run of empty rows ends the import (a file of empty rows never yielded)", async () => {
      const env = await testEnv(dialect);
      await importStock(env.db, { filePath: env.file("old.csv", "PN,Price\nOLD,1\n"), supplier: "S", kind: "stock" }, workContext());
      // The unclosed quote at the end fails the import if reading gets there: the cancel must come first.
      const file = env.file("empty-rows.csv", `PN,Price\nA,1\n${"\n".repeat(50_000)}"B,2\n`);
      const ctx = workContext((_p, message, controller) => {
        if (message.startsWith("Reading rows")) controller.abort(new Error("cancelled by test"));
      });
      await expect(importStock(env.db, { filePath: file, supplier: "S", kind: "stock" }, ctx)).rejects.toThrow("cancelled by test");
      expect((await offers(env.db)).map((o) => o.partNumber)).toEqual(["OLD"]);
      expect(await stagingTables(env.db)).toBe(0);
    });

    it("empty rows past the header search window end the search at once", async () => {
      const env = await testEnv(dialect);
      // Read to its end, the file would fail on its unclosed quote instead.
      const file = env.file("no-header.csv", `title\n${"\n".repeat(200_000)}"PN,Price\nA,1\n`);
      const ctx = workContext();
      await expect(importStock(env.db, { filePath: file, supplier: "S", kind: "stock" }, ctx)).rejects.toThrow(
        "No part number or price column found: expected headers named Артикул, Part number, PN or SKU and Цена or Price in the first 50 rows.",
      );
    });
  });
});
