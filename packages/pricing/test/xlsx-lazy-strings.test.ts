import { describe, expect, it } from "vitest";
import { openRowReader } from "../src/readers/open.ts";
import { fileEnv } from "./helpers/env.ts";
import { rawXlsx } from "./helpers/xlsx.ts";

describe("an .xlsx's shared strings", () => {
  it("are read as far as the rows handed out need them, so the top of a big workbook costs little", async () => {
    const env = fileEnv();
    const rows = 50_000;
    // rawXlsx writes every text as a shared string, in the order cells first use them, as Excel does.
    const file = env.file(
      "big.xlsx",
      rawXlsx({
        rows: [
          { r: 1, cells: ["Артикул", "Цена"] },
          ...Array.from({ length: rows }, (_, i) => ({ r: i + 2, cells: [`PN-${i}-${"x".repeat(40)}`, 10] })),
        ],
      }),
    );
    const reader = await openRowReader(file);
    const top: string[][] = [];
    for await (const row of reader.rows()) {
      top.push(row.cells);
      if (top.length === 21) break;
    }
    expect(top[20]).toEqual([`PN-19-${"x".repeat(40)}`, "10"]);
    expect(reader.bytesRead / reader.totalBytes).toBeLessThan(0.2);

    // Read to the end, every string is there.
    let last: string[] = [];
    for await (const row of (await openRowReader(file)).rows()) last = row.cells;
    expect(last).toEqual([`PN-${rows - 1}-${"x".repeat(40)}`, "10"]);
  });
});
