/**
 * Preview benchmark: how long inspectStockFile (the preview behind uploads.inspect) takes on a
 * 1,000,000-row .xlsx and the same rows as a CSV, beside a peer reading the same .xlsx's first 21
 * rows with exceljs's streaming reader (which reads the whole shared-strings table first, as this
 * reader did before it read them lazily). Aim: about a second whatever the file's size.
 *
 *   cd packages/pricing && npx tsx bench/preview-bench.ts [rows]
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { inspectStockFile } from "../src/index.ts";
import { rawXlsx } from "../test/helpers/xlsx.ts";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const HEADER = ["Артикул", "Наименование", "Производитель", "Остаток", "Цена"];
const row = (i: number): (string | number)[] => [
  `PN-${i}`,
  `Серверный модуль памяти №${i} DDR5 ${i % 64} ГБ`,
  "Intel",
  i % 50,
  100 + (i % 997) * 1.25,
];

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

async function exceljsTop(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  for await (const worksheet of workbook) {
    let rows = 0;
    for await (const _ of worksheet) if (++rows === 21) return;
  }
}

const dir = mkdtempSync(join(tmpdir(), "preview-bench-"));
try {
  const xlsx = join(dir, "stock.xlsx");
  writeFileSync(
    xlsx,
    rawXlsx({ rows: [{ r: 1, cells: HEADER }, ...Array.from({ length: ROWS }, (_, i) => ({ r: i + 2, cells: row(i) }))] }),
  );
  const csv = join(dir, "stock.csv");
  writeFileSync(csv, `${[HEADER, ...Array.from({ length: ROWS }, (_, i) => row(i))].map((cells) => cells.join(";")).join("\n")}\n`);
  const inspect = (filePath: string) => () => inspectStockFile({ filePath, kind: "stock", mapping: null, mappingSource: "detected" });
  console.log(
    `Node ${process.version}, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}; ${ROWS.toLocaleString("en-US")} rows`,
  );
  const mb = (file: string) => `${(statSync(file).size / 1e6).toFixed(1)} MB`;
  const ours = await seconds(inspect(xlsx));
  const peer = await seconds(() => exceljsTop(xlsx));
  console.log(`preview of the .xlsx (${mb(xlsx)}):                 ${ours.toFixed(2)} s`);
  console.log(`exceljs streaming reader, first 21 rows of it:  ${peer.toFixed(2)} s`);
  console.log(`ratio exceljs / our preview:                    ${(peer / ours).toFixed(1)}x`);
  console.log(`preview of the CSV (${mb(csv)}):                  ${(await seconds(inspect(csv))).toFixed(2)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
