/**
 * Pricing benchmark: xlsx import speed and peak memory at 10k and 100k rows, and the
 * recalculation of 100k components with 500k stock offers, on SQLite and (when a server is
 * given) PostgreSQL, side by side in one run. Each measurement runs in a fresh child process
 * on a fresh database, so peak memory belongs to one import of one size. The PostgreSQL URL
 * (TASKLANE_BENCH_DATABASE_URL, else TASKLANE_TEST_DATABASE_URL) needs CREATE DATABASE.
 *
 * Beside it, a peer: exceljs's streaming reader (ExcelJS.stream.xlsx.WorkbookReader) reading
 * the same 100k-row file and nothing else, against our import end to end (read, check, stage,
 * apply) and our reader alone; and the same rows as a CSV, imported end to end. Aims: our
 * xlsx import end to end at least 1.2x exceljs's read alone, CSV at least 300,000 rows/s, and
 * PostgreSQL's imports at least 0.9x SQLite's in the same run.
 *
 *   cd packages/pricing && TASKLANE_BENCH_DATABASE_URL=postgres://… npx tsx bench/pricing-bench.ts
 *   npx tsx bench/pricing-bench.ts --imports   (the 100k imports and the peer only: no 10k, no recalculation)
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import pg from "pg";
import {
  type PricingDb,
  type SqlDialect,
  createPostgresPool,
  importStock,
  migratePricing,
  openDatabase,
  postgresPricingDb,
  recalculatePrices,
  sqlitePricingDb,
} from "../src/index.ts";
import { openRowReader } from "../src/readers/open.ts";
import { rawXlsx } from "../test/helpers/xlsx.ts";

const RUNS = 3;
const postgresUrl = process.env.TASKLANE_BENCH_DATABASE_URL ?? process.env.TASKLANE_TEST_DATABASE_URL;
const DIALECTS: SqlDialect[] = postgresUrl ? ["sqlite", "postgres"] : ["sqlite"];

/** A database for one measurement: a SQLite file, or a PostgreSQL database of its own. */
async function open(dialect: SqlDialect, target: string): Promise<{ db: PricingDb; close(): Promise<void> }> {
  if (dialect === "sqlite") {
    const sqlite = openDatabase(target);
    return { db: sqlitePricingDb(sqlite), close: async () => void sqlite.close() };
  }
  const pool = createPostgresPool(target);
  return { db: postgresPricingDb(pool), close: () => pool.end() };
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(text).finally(() => client.end());
}

let targets = 0;
/**
 * Runs one measurement in a child on a new SQLite file, or on a new PostgreSQL database that is
 * dropped right after (so autovacuum tidying the last one does not slow the next).
 */
async function onNewDatabase<T>(dialect: SqlDialect, dir: string, args: (target: string) => string[]): Promise<T> {
  const name = `tasklane_bench_${process.pid}_${++targets}`;
  if (dialect === "sqlite") return inChild<T>(args(join(dir, `${name}.sqlite`)));
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    return await inChild<T>(args(url.href));
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** --imports: the 100k imports and the peer only (a quicker run while working on the readers). */
const IMPORTS_ONLY = process.argv.includes("--imports");
const SIZES = IMPORTS_ONLY ? ([100_000] as const) : ([10_000, 100_000] as const);
const PEER_SIZE = 100_000;

interface ImportFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  maxRssMb: number;
  sampledPeakRssMb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

const HEADER = ["Артикул", "Наименование", "Производитель", "Остаток", "Цена"];
const VENDORS = ["Hyperline", "Cisco", "HPE", "Supermicro", "Intel", "Kingston"];
const stockRow = (i: number): [string, string, string, number, number] =>
  [`PN-${i}`, `Серверный модуль памяти №${i} DDR5 ${i % 64} ГБ`, VENDORS[i % VENDORS.length]!, i % 50, 100 + (i % 997) * 1.25];

function makeStockFile(path: string, rows: number): void {
  writeFileSync(
    path,
    rawXlsx({ rows: [{ r: 1, cells: HEADER }, ...Array.from({ length: rows }, (_, i) => ({ r: i + 2, cells: stockRow(i) }))] }),
  );
}

/** The same rows as a semicolon CSV with decimal commas, as a Russian Excel saves it. */
function makeStockCsv(path: string, rows: number): void {
  const line = (cells: readonly (string | number)[]) => cells.map((c) => (typeof c === "number" ? String(c).replace(".", ",") : c)).join(";");
  writeFileSync(path, `\uFEFF${[line(HEADER), ...Array.from({ length: rows }, (_, i) => line(stockRow(i)))].join("\r\n")}\r\n`);
}

interface ReadFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/** Child: exceljs's streaming reader reads the file, every row's values taken, nothing else done. */
async function childExceljs(file: string): Promise<ReadFigures> {
  const started = performance.now();
  let rows = 0;
  let cells = 0;
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      rows++;
      cells += (row.values as unknown[]).length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (cells === 0) throw new Error("exceljs read no cells");
  return { rows: rows - 1, seconds, rowsPerSecond: (rows - 1) / seconds };
}

/** Child: our reader alone, every row's cells handed out, nothing checked or stored. */
async function childRead(file: string): Promise<ReadFigures> {
  const started = performance.now();
  let rows = 0;
  let cells = 0;
  const reader = await openRowReader(file);
  for await (const row of reader.rows()) {
    rows++;
    cells += row.cells.length;
  }
  const seconds = (performance.now() - started) / 1000;
  if (cells === 0) throw new Error("read no cells");
  return { rows: rows - 1, seconds, rowsPerSecond: (rows - 1) / seconds };
}

/** Child: import one file into a fresh database and report speed and memory. */
async function childImport(dialect: SqlDialect, file: string, target: string): Promise<ImportFigures> {
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 5);
  const { db, close } = await open(dialect, target);
  await migratePricing(db);
  const started = performance.now();
  const result = await importStock(db, { filePath: file, supplier: "bench", kind: "stock" }, {
    signal: new AbortController().signal,
    progress: sample,
  });
  const seconds = (performance.now() - started) / 1000;
  sample();
  clearInterval(timer);
  await close();
  return {
    rows: result.imported,
    seconds,
    rowsPerSecond: result.imported / seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakRssMb: mb(peak),
  };
}

/** Child: 100k components, 500k stock offers (5 suppliers), then one timed recalculation. */
async function childRecalculate(dialect: SqlDialect, target: string): Promise<{ seconds: number; updated: number }> {
  const { db, close } = await open(dialect, target);
  await migratePricing(db);
  const components = 100_000;
  await db.kysely.transaction().execute(async (trx) => {
    await sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${components})
      INSERT INTO components (id, part_number, search_text) SELECT i, 'PN-' || i, 'pn-' || i FROM n`.execute(trx);
    await sql`WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < 4)
      INSERT INTO offers (supplier, kind, component_id, quantity, price, imported_at)
      SELECT 'S' || k, 'stock', c.id, (c.id + k) % 7, 50 + ((c.id * 31 + k * 17) % 1000) / 4.0, 0 FROM s, components c`.execute(trx);
  });
  const started = performance.now();
  const result = await recalculatePrices(db, { signal: new AbortController().signal, progress: () => {} });
  const seconds = (performance.now() - started) / 1000;
  await close();
  return { seconds, updated: result.updated };
}

function inChild<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("message", (m) => resolve(m as T));
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`child exited with ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const figure = (xs: number[], digits: number) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/** Lines of the table by label, each with the median (range) of every dialect's runs. */
type Lines = Map<string, Map<SqlDialect, string>>;

/** Medians of the import end to end, by dialect and file kind, for the peer comparison. */
const importMedians = new Map<string, number>();

async function measure(dialect: SqlDialect, dir: string, files: Map<number | "csv", string>, lines: Lines): Promise<void> {
  const put = (label: string, value: string) => lines.set(label, (lines.get(label) ?? new Map()).set(dialect, value));
  const peaks = new Map<number, number[]>();
  for (const size of SIZES) {
    const runs: ImportFigures[] = [];
    for (let run = 0; run < RUNS; run++) {
      runs.push(await onNewDatabase<ImportFigures>(dialect, dir, (target) => ["import", dialect, files.get(size)!, target]));
    }
    peaks.set(size, runs.map((r) => r.maxRssMb));
    const rows = `import ${size.toLocaleString("en-US")} rows`;
    put(`${rows}: rows/s`, figure(runs.map((r) => r.rowsPerSecond), 0));
    put(`${rows}: seconds`, figure(runs.map((r) => r.seconds), 2));
    put(`${rows}: maxRSS MB`, figure(runs.map((r) => r.maxRssMb), 1));
    put(`${rows}: sampled peak MB`, figure(runs.map((r) => r.sampledPeakRssMb), 1));
    if (size === PEER_SIZE) importMedians.set(`${dialect} xlsx`, median(runs.map((r) => r.rowsPerSecond)));
  }
  const csvRuns: ImportFigures[] = [];
  for (let run = 0; run < RUNS; run++) {
    csvRuns.push(await onNewDatabase<ImportFigures>(dialect, dir, (target) => ["import", dialect, files.get("csv")!, target]));
  }
  put(`import ${PEER_SIZE.toLocaleString("en-US")} rows CSV: rows/s`, figure(csvRuns.map((r) => r.rowsPerSecond), 0));
  put(`import ${PEER_SIZE.toLocaleString("en-US")} rows CSV: maxRSS MB`, figure(csvRuns.map((r) => r.maxRssMb), 1));
  importMedians.set(`${dialect} csv`, median(csvRuns.map((r) => r.rowsPerSecond)));
  if (IMPORTS_ONLY) return;
  put("peak memory 100k − 10k, MB", figure(peaks.get(100_000)!.map((p, i) => p - peaks.get(10_000)![i]!), 1));
  const recalcs: { seconds: number; updated: number }[] = [];
  for (let run = 0; run < RUNS; run++) recalcs.push(await onNewDatabase(dialect, dir, (target) => ["recalculate", dialect, target]));
  put(`recalculate: seconds (${recalcs[0]!.updated.toLocaleString("en-US")} updated)`, figure(recalcs.map((r) => r.seconds), 2));
}

function printTable(lines: Lines): void {
  const width = Math.max(...[...lines.keys()].map((label) => label.length)) + 2;
  const column = 26;
  const names: Record<SqlDialect, string> = { sqlite: "SQLite (embedded)", postgres: "PostgreSQL (distributed)" };
  console.log(`${"median (range)".padEnd(width)}${DIALECTS.map((d) => names[d].padEnd(column)).join("")}`);
  for (const [label, values] of lines) console.log(`${label.padEnd(width)}${DIALECTS.map((d) => (values.get(d) ?? "").padEnd(column)).join("")}`);
}

/** The peer, read-only, beside our reader alone and our import end to end (median of RUNS each, each in a fresh child). */
async function comparePeer(file: string): Promise<void> {
  const exceljs: ReadFigures[] = [];
  const ours: ReadFigures[] = [];
  for (let run = 0; run < RUNS; run++) {
    exceljs.push(await inChild<ReadFigures>(["exceljs", file]));
    ours.push(await inChild<ReadFigures>(["read", file]));
  }
  const peer = median(exceljs.map((r) => r.rowsPerSecond));
  const rate = (n: number) => `${Math.round(n).toLocaleString("en-US")} rows/s`;
  console.log(`\nxlsx of ${PEER_SIZE.toLocaleString("en-US")} rows, median (range) of ${RUNS}:`);
  console.log(`  exceljs 4.4.0 stream.xlsx.WorkbookReader, read only:  ${figure(exceljs.map((r) => r.rowsPerSecond), 0)} rows/s`);
  console.log(`  our reader alone, read only:                          ${figure(ours.map((r) => r.rowsPerSecond), 0)} rows/s`);
  console.log(`  ratio our reader alone / exceljs read only:           ${(median(ours.map((r) => r.rowsPerSecond)) / peer).toFixed(2)}x`);
  for (const dialect of DIALECTS) {
    const e2e = importMedians.get(`${dialect} xlsx`)!;
    console.log(`  ratio our import end to end (${dialect}, ${rate(e2e)}) / exceljs read only: ${(e2e / peer).toFixed(2)}x (aim ≥ 1.2x)`);
  }
  for (const dialect of DIALECTS) {
    console.log(`  CSV import end to end (${dialect}): ${rate(importMedians.get(`${dialect} csv`)!)} (aim ≥ 300,000 rows/s)`);
  }
  if (DIALECTS.includes("postgres")) {
    const ratio = (kind: string) => (importMedians.get(`postgres ${kind}`)! / importMedians.get(`sqlite ${kind}`)!).toFixed(2);
    console.log(`  ratio PostgreSQL / SQLite import end to end: xlsx ${ratio("xlsx")}x, CSV ${ratio("csv")}x (aim ≥ 0.9x)`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "pricing-bench-"));
  try {
    // Other work on the machine skews every figure: the load average is printed to tell.
    const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
    console.log(`Node ${process.version}, ${cpus().length} cores, ${RUNS} runs each, load average ${load()}`);
    const files = new Map<number, string>();
    for (const size of SIZES) {
      const file = join(dir, `stock-${size}.xlsx`);
      makeStockFile(file, size);
      files.set(size, file);
      console.log(`stock file of ${size.toLocaleString("en-US")} rows: xlsx ${mb(statSync(file).size).toFixed(1)} MB`);
    }
    console.log("recalculate: 100,000 components, 500,000 stock offers; memory is this process's (not the PostgreSQL server's)\n");
    const csvFile = join(dir, `stock-${PEER_SIZE}.csv`);
    makeStockCsv(csvFile, PEER_SIZE);
    console.log(`stock file of ${PEER_SIZE.toLocaleString("en-US")} rows: csv ${mb(statSync(csvFile).size).toFixed(1)} MB`);
    const lines: Lines = new Map();
    const measured = new Map<number | "csv", string>([...files, ["csv", csvFile]]);
    for (const dialect of DIALECTS) await measure(dialect, dir, measured, lines);
    printTable(lines);
    await comparePeer(files.get(PEER_SIZE)!);
    console.log(`\nload average at the end ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, ...args] = process.argv.slice(2).filter((arg) => arg !== "--imports");
if (mode === "import") process.send!(await childImport(args[0] as SqlDialect, args[1]!, args[2]!), () => process.exit(0));
else if (mode === "exceljs") process.send!(await childExceljs(args[0]!), () => process.exit(0));
else if (mode === "read") process.send!(await childRead(args[0]!), () => process.exit(0));
else if (mode === "recalculate") process.send!(await childRecalculate(args[0] as SqlDialect, args[1]!), () => process.exit(0));
else await main();
