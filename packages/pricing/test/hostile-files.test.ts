import { describe, expect, it } from "vitest";
import { StockFileError, importStock } from "../src/index.ts";
import { dialects, testEnv, workContext } from "./helpers/env.ts";
import { xlsxWithSheet, zipBombXlsx } from "./helpers/hostile-xlsx.ts";
import { MXL8_HEADER, mxl8 } from "./helpers/mxl.ts";

/** How much more memory a hostile file may cost the process while it is refused. */
const MEMORY_BOUND_MB = 150;

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const HEADER_ROW = `<row r="1"><c r="A1" t="inlineStr"><is><t>PN</t></is></c><c r="B1" t="inlineStr"><is><t>Price</t></is></c></row>`;
const sheet = (doctype: string, rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>${doctype}<worksheet xmlns="${NS}"><sheetData>${HEADER_ROW}${rows}</sheetData></worksheet>`;

const LAUGHS =
  `<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">` +
  ["b", "c", "d", "e", "f", "g", "h"].map((n, i) => `<!ENTITY ${n} "${`&${"abcdefg"[i]};`.repeat(10)}">`).join("") +
  `]>`;

const hostile: [string, () => Buffer, RegExp][] = [
  ["a zip bomb: a sheet that inflates to 600 MB", () => zipBombXlsx(600), /too large|limit|too long/i],
  [
    "XML with entity expansion (a billion laughs)",
    () => xlsxWithSheet(sheet(LAUGHS, `<row r="2"><c r="A2" t="inlineStr"><is><t>&h;&h;&h;</t></is></c></row>`)),
    /damaged|entit|DOCTYPE/i,
  ],
  [
    "a 200,000-column row",
    () => xlsxWithSheet(sheet("", `<row r="2">${"<c><v>1</v></c>".repeat(200_000)}</row>`)),
    /column/i,
  ],
  [
    "a CSV that is not UTF-8 (Windows-1251)",
    // "PN;Цена\nА-1;10\n" as Windows-1251 writes it: Cyrillic letters are single bytes over 0x7F.
    () => Buffer.from([0x50, 0x4e, 0x3b, 0xd6, 0xe5, 0xed, 0xe0, 0x0a, 0xc0, 0x2d, 0x31, 0x3b, 0x31, 0x30, 0x0a]),
    /UTF-8/,
  ],
  ["a truncated 1C mxl", () => mxl8([["Артикул", "Цена"], ["A-1", "10"]]).subarray(0, 60), /1C|xlsx/i],
  ["a bare MOXCEL header", () => MXL8_HEADER, /xlsx/i],
];

describe.each(dialects)("%s", (dialect) => {
  describe("hostile files end as a clear error, and memory stays bounded", () => {
    it.each(hostile)("%s", async (_name, make, message) => {
      const env = await testEnv(dialect);
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
    });
  });
});
