import { writeFile } from "node:fs/promises";
import path from "node:path";
import { rawXlsx } from "@tasklane/testing/files";

/** Rows are written this many at a time: one string per piece keeps memory flat and the writes few. */
const PIECE_ROWS = 10_000;
const price = (i: number) => ((i % 5000) + 1) / 2;

function* pieces(rows: number, row: (i: number) => string): Generator<string> {
  for (let start = 0; start < rows; start += PIECE_ROWS) {
    let s = "";
    for (let i = start; i < Math.min(rows, start + PIECE_ROWS); i++) s += row(i);
    yield s;
  }
}

/**
 * The same `rows` offers as an .xlsx (shared strings for the text, as Excel writes it; raw
 * XML into a zip, so a million rows take seconds) and as a CSV.
 */
export async function writeStockFiles(dir: string, rows: number): Promise<{ xlsx: string; csv: string }> {
  const xlsx = path.join(dir, `stock-${rows}.xlsx`);
  const header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>';
  const sheet = pieces(rows, (i) => {
    const r = i + 2;
    return `<row r="${r}"><c r="A${r}" t="s"><v>${i + 3}</v></c><c r="B${r}"><v>${price(i)}</v></c><c r="C${r}"><v>${i % 7}</v></c></row>`;
  });
  const strings = ["<si><t>PN</t></si><si><t>Price</t></si><si><t>Qty</t></si>", ...pieces(rows, (i) => `<si><t>PDI-${i}</t></si>`)];
  await writeFile(xlsx, await rawXlsx({ rows: [header, ...sheet], sharedItems: strings }));
  const csv = path.join(dir, `stock-${rows}.csv`);
  await writeFile(csv, ["PN;Price;Qty\n", ...pieces(rows, (i) => `PDI-${i};${String(price(i)).replace(".", ",")};${i % 7}\n`)].join(""));
  return { xlsx, csv };
}
