/**
 * Pricing benchmark: xlsx import speed and peak memory at 10k and 100k rows, and the
 * recalculation of 100k components with 500k stock offers, on SQLite and (when a server is
 * given) PostgreSQL, side by side in one run. Each measurement runs in a fresh child process
 * so peak memory belongs to one import of one size.
 *
 *   cd packages/pricing && TASKLANE_BENCH_DATABASE_URL=postgres://… npx tsx bench/pricing-bench.ts
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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
import { rawXlsx } from "../test/helpers/xlsx.ts";

const RUNS = 3;
const postgresUrl = process.env.TASKLANE_BENCH_DATABASE_URL ?? process.env.TASKLANE_TEST_DATABASE_URL;
const DIALECTS: SqlDialect[] = postgresUrl ? ["sqlite", "postgres"] : ["sqlite"];

/** A database for one measurement: a SQLite file, or a PostgreSQL schema of its own. */
async function open(dialect: SqlDialect, target: string): Promise<{ db: PricingDb; close(): Promise<void> }> {
  if (dialect === "sqlite") {
    const sqlite = openDatabase(target);
    return { db: sqlitePricingDb(sqlite), close: async () => void sqlite.close() };
  }
  const url = new URL(postgresUrl!);
  url.searchParams.set("options", `-c search_path=${target}`);
  const pool = createPostgresPool(url.href);
  return { db: postgresPricingDb(pool), close: () => pool.end() };
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(text).finally(() => client.end());
}

let targets = 0;
/** Where a child measures: a new file path, or a new schema (dropped at the end). */
async function newTarget(dialect: SqlDialect, dir: string): Promise<string> {
  const name = `bench_${process.pid}_${++targets}`;
  if (dialect === "sqlite") return join(dir, `${name}.sqlite`);
  await admin(`CREATE SCHEMA ${name}`);
  return name;
}
const SIZES = [10_000, 100_000] as const;

interface ImportFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  maxRssMb: number;
  sampledPeakRssMb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

function makeStockFile(path: string, rows: number): void {
  const vendors = ["Hyperline", "Cisco", "HPE", "Supermicro", "Intel", "Kingston"];
  writeFileSync(
    path,
    rawXlsx({
      rows: [
        { r: 1, cells: ["Артикул", "Наименование", "Производитель", "Остаток", "Цена"] },
        ...Array.from({ length: rows }, (_, i) => ({
          r: i + 2,
          cells: [`PN-${i}`, `Серверный модуль памяти №${i} DDR5 ${i % 64} ГБ`, vendors[i % vendors.length]!, i % 50, 100 + (i % 997) * 1.25],
        })),
      ],
    }),
  );
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
const describe = (xs: number[], digits: number) =>
  `median ${median(xs).toFixed(digits)} (range ${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "pricing-bench-"));
  try {
    // Other work on the machine skews every figure: the load average is printed to tell.
    const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
    console.log(`Node ${process.version}, ${cpus().length} cores, ${RUNS} runs each, load average ${load()}\n`);
    for (const dialect of DIALECTS) {
      console.log(`== ${dialect === "sqlite" ? "SQLite (embedded)" : "PostgreSQL (distributed)"}`);
      const peaks = new Map<number, number[]>();
      for (const size of SIZES) {
        const file = join(dir, `stock-${size}.xlsx`);
        makeStockFile(file, size);
        const runs: ImportFigures[] = [];
        for (let run = 0; run < RUNS; run++) runs.push(await inChild<ImportFigures>(["import", dialect, file, await newTarget(dialect, dir)]));
        peaks.set(size, runs.map((r) => r.maxRssMb));
        console.log(`import ${size.toLocaleString("en-US")} rows (xlsx ${mb(statSync(file).size).toFixed(1)} MB)`);
        console.log(`  rows/s           ${describe(runs.map((r) => r.rowsPerSecond), 0)}`);
        console.log(`  seconds          ${describe(runs.map((r) => r.seconds), 2)}`);
        console.log(`  maxRSS MB        ${describe(runs.map((r) => r.maxRssMb), 1)}`);
        console.log(`  sampled peak MB  ${describe(runs.map((r) => r.sampledPeakRssMb), 1)}`);
      }
      const diffs = peaks.get(100_000)!.map((p, i) => p - peaks.get(10_000)![i]!);
      console.log(`peak memory 100k − 10k, MB: ${describe(diffs, 1)}`);
      const recalcs: { seconds: number; updated: number }[] = [];
      for (let run = 0; run < RUNS; run++) recalcs.push(await inChild(["recalculate", dialect, await newTarget(dialect, dir)]));
      console.log(`recalculate 100,000 components / 500,000 offers (${recalcs[0]!.updated.toLocaleString("en-US")} updated)`);
      console.log(`  seconds          ${describe(recalcs.map((r) => r.seconds), 2)}\n`);
    }
    console.log(`\nload average at the end ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (postgresUrl) for (let i = 1; i <= targets; i++) await admin(`DROP SCHEMA IF EXISTS bench_${process.pid}_${i} CASCADE`);
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "import") process.send!(await childImport(args[0] as SqlDialect, args[1]!, args[2]!), () => process.exit(0));
else if (mode === "recalculate") process.send!(await childRecalculate(args[0] as SqlDialect, args[1]!), () => process.exit(0));
else await main();
