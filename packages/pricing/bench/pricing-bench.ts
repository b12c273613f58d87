/**
 * Pricing benchmark: xlsx import speed and peak memory at 10k and 100k rows, and the
 * recalculation of 100k components with 500k stock offers, on SQLite and (when a server is
 * given) PostgreSQL, side by side in one run. Each measurement runs in a fresh child process
 * on a fresh database, so peak memory belongs to one import of one size; the child first
 * imports (or reads) a smaller warm-up file, as the service's kept task threads have. The PostgreSQL URL
 * (TASKLANE_BENCH_DATABASE_URL, else TASKLANE_TEST_DATABASE_URL) needs CREATE DATABASE.
 *
 * Beside it, a peer: exceljs's streaming reader (ExcelJS.stream.xlsx.WorkbookReader) reading
 * the same 100k-row file and nothing else, against our import end to end (read, check, stage,
 * apply) and our reader alone; and the same rows as a CSV, imported end to end. Aims: our
 * xlsx import end to end at least 1.2x exceljs's read alone, CSV at least 300,000 rows/s, and
 * PostgreSQL's imports at least 0.9x SQLite's in the same run. Each round runs every import and
 * then the peer, and each ratio is taken within a round (a busy machine slows rounds unevenly).
 * Also the CSV imported a second time for its supplier (every part number known, the previous
 * offers replaced): what most imports are, from a supplier's second file on. And, on PostgreSQL,
 * the bound of that ratio: the server's writes alone for the CSV's rows (childFloor).
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
import { searchText } from "../src/db/search-text.ts";
import { copyIn } from "../src/import/postgres-staging.ts";
import { openRowReader } from "../src/readers/open.ts";
import { rawXlsx } from "../test/helpers/xlsx.ts";

/**
 * Rounds, each running every child once: on the shared 2-core machine one import moves by a third
 * from round to round, and the PostgreSQL / SQLite ratio of one round ran anywhere from 0.71x to
 * 1.46x in the same hour; three rounds' median still moved by a quarter from run to run.
 */
const RUNS = 5;
const postgresUrl = process.env.TASKLANE_BENCH_DATABASE_URL ?? process.env.TASKLANE_TEST_DATABASE_URL;
const DIALECTS: SqlDialect[] = postgresUrl ? ["sqlite", "postgres"] : ["sqlite"];

/** A database for one measurement: a SQLite file, or a PostgreSQL database of its own. */
async function open(dialect: SqlDialect, target: string): Promise<{ db: PricingDb; close: () => Promise<void> }> {
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
/** Rows of the warm-up file each child reads or imports before the measured one. */
const WARM_UP_ROWS = 20_000;

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
const stockRow = (i: number, prefix = "PN"): [string, string, string, number, number] => [
  `${prefix}-${i}`,
  `Серверный модуль памяти №${i} DDR5 ${i % 64} ГБ`,
  VENDORS[i % VENDORS.length]!,
  i % 50,
  100 + (i % 997) * 1.25,
];

function makeStockFile(path: string, rows: number, prefix?: string): void {
  writeFileSync(
    path,
    rawXlsx({ rows: [{ r: 1, cells: HEADER }, ...Array.from({ length: rows }, (_, i) => ({ r: i + 2, cells: stockRow(i, prefix) }))] }),
  );
}

/** The same rows as a semicolon CSV with decimal commas, as a Russian Excel saves it. */
function makeStockCsv(path: string, rows: number, prefix?: string): void {
  const line = (cells: readonly (string | number)[]) =>
    cells.map((c) => (typeof c === "number" ? String(c).replace(".", ",") : c)).join(";");
  writeFileSync(path, `\uFEFF${[line(HEADER), ...Array.from({ length: rows }, (_, i) => line(stockRow(i, prefix)))].join("\r\n")}\r\n`);
}

interface ReadFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/** Child: exceljs's streaming reader reads the file, every row's values taken, nothing else done. */
async function childExceljs(file: string, warmUp: string): Promise<ReadFigures> {
  await exceljsRead(warmUp);
  const started = performance.now();
  const { rows, cells } = await exceljsRead(file);
  const seconds = (performance.now() - started) / 1000;
  if (cells === 0) throw new Error("exceljs read no cells");
  return { rows: rows - 1, seconds, rowsPerSecond: (rows - 1) / seconds };
}

async function exceljsRead(file: string): Promise<{ rows: number; cells: number }> {
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
  return { rows, cells };
}

/** Child: our reader alone, every row's cells handed out, nothing checked or stored. */
async function childRead(file: string, warmUp: string): Promise<ReadFigures> {
  await ourRead(warmUp);
  const started = performance.now();
  const { rows, cells } = await ourRead(file);
  const seconds = (performance.now() - started) / 1000;
  if (cells === 0) throw new Error("read no cells");
  return { rows: rows - 1, seconds, rowsPerSecond: (rows - 1) / seconds };
}

async function ourRead(file: string): Promise<{ rows: number; cells: number }> {
  let rows = 0;
  let cells = 0;
  const reader = await openRowReader(file);
  for await (const row of reader.rows()) {
    rows++;
    cells += row.cells.length;
  }
  return { rows, cells };
}

/** An import outside the measured time: a warm-up, or the file before the supplier's next one. */
const importUntimed = (db: PricingDb, filePath: string, supplier: string) =>
  importStock(db, { filePath, supplier, kind: "stock" }, { signal: new AbortController().signal, progress: () => {} });

/**
 * Child: import one file into a fresh database and report speed and memory. A warm-up import
 * of other part numbers for another supplier runs first, as the service's kept task threads
 * have run imports before (the peers warm up alike): a process's first import also pays for
 * compiling the code, about 0.4 s here, which no kept thread pays again.
 */
async function childImport(dialect: SqlDialect, file: string, target: string, warmUp: string, again: boolean): Promise<ImportFigures> {
  // Sampled at each progress report (a batch of rows) rather than on a timer: a 5 ms timer cost
  // the import 15-25% of its speed, and the peers are not sampled. maxRSS is the kernel's peak.
  let peak = process.memoryUsage.rss();
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  const { db, close } = await open(dialect, target);
  await migratePricing(db);
  await importUntimed(db, warmUp, "warm-up");
  // A supplier's next file: the same rows again, every part number known, the previous offers replaced.
  if (again) await importUntimed(db, file, "bench");
  const started = performance.now();
  const result = await importStock(
    db,
    { filePath: file, supplier: "bench", kind: "stock" },
    {
      signal: new AbortController().signal,
      progress: sample,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  sample();
  await close();
  return {
    rows: result.imported,
    seconds,
    rowsPerSecond: result.imported / seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakRssMb: mb(peak),
  };
}

/** Seconds of PostgreSQL's writes alone, for the same rows as the CSV: see childFloor. */
interface FloorFigures {
  newCatalogue: number;
  nextFile: number;
}

/**
 * Child: the least PostgreSQL can spend on the CSV's rows. On a fresh database (after the same
 * warm-up import), the rows, formatted before the clock starts, are copied straight into
 * components and offers, one COPY each in one transaction: no reading, no staging, no look-ups,
 * ids chosen here. Then the supplier's next file: its offers deleted and copied again. No import
 * that reads a file and keeps its rules (concurrent imports, gaps filled in file order) can
 * write less, so its time against SQLite's whole import bounds the ratio any design could reach.
 */
async function childFloor(target: string, warmUp: string): Promise<FloorFigures> {
  const { db, close } = await open("postgres", target);
  await migratePricing(db);
  await importUntimed(db, warmUp, "warm-up");
  await close();
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  const first = Number((await client.query<{ n: string }>("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM components")).rows[0]!.n);
  let components = "";
  let offers = "";
  for (let i = 0; i < PEER_SIZE; i++) {
    const [partNumber, name, vendor, quantity, price] = stockRow(i);
    // COPY's text format: the search text's line break escaped, no other value needs it.
    components += `${first + i}\t${partNumber}\t${vendor}\t${name}\t\\N\t${searchText(partNumber, name).replace("\n", "\\n")}\n`;
    offers += `bench\tstock\t${first + i}\t${quantity}\t${price}\t0\n`;
  }
  const timed = async (work: () => Promise<void>) => {
    const started = performance.now();
    await client.query("BEGIN");
    await work();
    await client.query("COMMIT");
    return (performance.now() - started) / 1000;
  };
  const copyOffers = () => copyIn(client, "COPY offers (supplier, kind, component_id, quantity, price, imported_at) FROM STDIN", offers);
  const newCatalogue = await timed(async () => {
    await copyIn(client, "COPY components (id, part_number, vendor, name, category, search_text) FROM STDIN", components);
    await copyOffers();
  });
  const nextFile = await timed(async () => {
    await client.query("DELETE FROM offers WHERE supplier = 'bench' AND kind = 'stock'");
    await copyOffers();
  });
  await client.end();
  return { newCatalogue, nextFile };
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

/** The files of one run: the xlsx of each size, the CSV, and the smaller warm-up files (other part numbers). */
interface BenchFiles {
  xlsx: Map<number, string>;
  csv: string;
  warmUpXlsx: string;
  warmUpCsv: string;
}

/** One round: every import, then the peer and our reader, seconds apart. */
interface Round {
  imports: Map<string, ImportFigures>;
  exceljs: ReadFigures;
  read: ReadFigures;
  /** PostgreSQL's writes alone for the CSV's rows (when a server is given). */
  floor?: FloorFigures;
}

async function round(dir: string, files: BenchFiles): Promise<Round> {
  const imports = new Map<string, ImportFigures>();
  for (const dialect of DIALECTS) {
    for (const [size, file] of files.xlsx) {
      imports.set(
        `${dialect} xlsx ${size}`,
        await onNewDatabase(dialect, dir, (target) => ["import", dialect, file, target, files.warmUpXlsx]),
      );
    }
    imports.set(`${dialect} csv`, await onNewDatabase(dialect, dir, (target) => ["import", dialect, files.csv, target, files.warmUpCsv]));
    imports.set(
      `${dialect} csv again`,
      await onNewDatabase(dialect, dir, (target) => ["import", dialect, files.csv, target, files.warmUpCsv, "again"]),
    );
  }
  const peerFile = files.xlsx.get(PEER_SIZE)!;
  const exceljs = await inChild<ReadFigures>(["exceljs", peerFile, files.warmUpXlsx]);
  const read = await inChild<ReadFigures>(["read", peerFile, files.warmUpXlsx]);
  const floor = DIALECTS.includes("postgres")
    ? await onNewDatabase<FloorFigures>("postgres", dir, (target) => ["floor", target, files.warmUpCsv])
    : undefined;
  return { imports, exceljs, read, floor };
}

function tabulate(rounds: Round[], lines: Lines): void {
  const put = (dialect: SqlDialect, label: string, value: string) =>
    lines.set(label, (lines.get(label) ?? new Map<SqlDialect, string>()).set(dialect, value));
  for (const dialect of DIALECTS) {
    for (const size of SIZES) {
      const runs = rounds.map((r) => r.imports.get(`${dialect} xlsx ${size}`)!);
      const rows = `import ${size.toLocaleString("en-US")} rows`;
      put(
        dialect,
        `${rows}: rows/s`,
        figure(
          runs.map((r) => r.rowsPerSecond),
          0,
        ),
      );
      put(
        dialect,
        `${rows}: seconds`,
        figure(
          runs.map((r) => r.seconds),
          2,
        ),
      );
      put(
        dialect,
        `${rows}: maxRSS MB`,
        figure(
          runs.map((r) => r.maxRssMb),
          1,
        ),
      );
      put(
        dialect,
        `${rows}: peak MB sampled per batch`,
        figure(
          runs.map((r) => r.sampledPeakRssMb),
          1,
        ),
      );
    }
    const csv = rounds.map((r) => r.imports.get(`${dialect} csv`)!);
    put(
      dialect,
      `import ${PEER_SIZE.toLocaleString("en-US")} rows CSV: rows/s`,
      figure(
        csv.map((r) => r.rowsPerSecond),
        0,
      ),
    );
    put(
      dialect,
      `the same CSV again, the supplier's next file: rows/s`,
      figure(
        rounds.map((r) => r.imports.get(`${dialect} csv again`)!.rowsPerSecond),
        0,
      ),
    );
    put(
      dialect,
      `import ${PEER_SIZE.toLocaleString("en-US")} rows CSV: maxRSS MB`,
      figure(
        csv.map((r) => r.maxRssMb),
        1,
      ),
    );
    if (!IMPORTS_ONLY) {
      const peak = (r: Round, size: number) => r.imports.get(`${dialect} xlsx ${size}`)!.maxRssMb;
      put(
        dialect,
        "peak memory 100k − 10k, MB",
        figure(
          rounds.map((r) => peak(r, 100_000) - peak(r, 10_000)),
          1,
        ),
      );
    }
  }
}

async function recalculations(dir: string, lines: Lines): Promise<void> {
  for (const dialect of DIALECTS) {
    const recalcs: { seconds: number; updated: number }[] = [];
    for (let run = 0; run < RUNS; run++) recalcs.push(await onNewDatabase(dialect, dir, (target) => ["recalculate", dialect, target]));
    const label = `recalculate: seconds (${recalcs[0]!.updated.toLocaleString("en-US")} updated)`;
    lines.set(
      label,
      (lines.get(label) ?? new Map<SqlDialect, string>()).set(
        dialect,
        figure(
          recalcs.map((r) => r.seconds),
          2,
        ),
      ),
    );
  }
}

function printTable(lines: Lines): void {
  const width = Math.max(...[...lines.keys()].map((label) => label.length)) + 2;
  const column = 26;
  const names: Record<SqlDialect, string> = { sqlite: "SQLite (embedded)", postgres: "PostgreSQL (distributed)" };
  console.log(`${"median (range)".padEnd(width)}${DIALECTS.map((d) => names[d].padEnd(column)).join("")}`);
  for (const [label, values] of lines)
    console.log(`${label.padEnd(width)}${DIALECTS.map((d) => (values.get(d) ?? "").padEnd(column)).join("")}`);
}

/** The peer, read-only, beside our reader alone and our import end to end (median of RUNS each, each in a fresh child). */
/** The peer, read-only, beside our reader alone and our imports end to end: medians, and each ratio per round. */
function comparePeer(rounds: Round[]): void {
  const exceljs = rounds.map((r) => r.exceljs.rowsPerSecond);
  const ours = rounds.map((r) => r.read.rowsPerSecond);
  const rate = (n: number) => `${Math.round(n).toLocaleString("en-US")} rows/s`;
  const perRound = (xs: number[]) => `${median(xs).toFixed(2)}x (rounds ${xs.map((x) => x.toFixed(2)).join(", ")})`;
  const imports = (key: string) => rounds.map((r) => r.imports.get(key)!.rowsPerSecond);
  console.log(`\nxlsx of ${PEER_SIZE.toLocaleString("en-US")} rows, median (range) of ${RUNS} rounds:`);
  console.log(`  exceljs 4.4.0 stream.xlsx.WorkbookReader, read only:  ${figure(exceljs, 0)} rows/s`);
  console.log(`  our reader alone, read only:                          ${figure(ours, 0)} rows/s`);
  console.log(`  ratio our reader alone / exceljs read only:           ${perRound(ours.map((x, i) => x / exceljs[i]!))}`);
  for (const dialect of DIALECTS) {
    const e2e = imports(`${dialect} xlsx ${PEER_SIZE}`);
    console.log(
      `  ratio our import end to end (${dialect}, ${rate(median(e2e))}) / exceljs read only: ${perRound(e2e.map((x, i) => x / exceljs[i]!))} (aim ≥ 1.2x)`,
    );
  }
  for (const dialect of DIALECTS)
    console.log(`  CSV import end to end (${dialect}): ${rate(median(imports(`${dialect} csv`)))} (aim ≥ 300,000 rows/s)`);
  if (DIALECTS.includes("postgres")) {
    const ratio = (a: string, b: string) => perRound(imports(a).map((x, i) => x / imports(b)[i]!));
    console.log(
      `  ratio PostgreSQL / SQLite import end to end: xlsx ${ratio(`postgres xlsx ${PEER_SIZE}`, `sqlite xlsx ${PEER_SIZE}`)}, CSV ${ratio("postgres csv", "sqlite csv")} (aim ≥ 0.9x)`,
    );
    console.log(
      `  ratio PostgreSQL / SQLite, the supplier's next CSV (every part number known): ${ratio("postgres csv again", "sqlite csv again")}`,
    );
    // The bound any PostgreSQL design could reach on this server: its writes alone (childFloor).
    const floor = (pick: (f: FloorFigures) => number, sqliteKey: string) => {
      const rates = rounds.map((r) => PEER_SIZE / pick(r.floor!));
      return `${rate(median(rates))}, ${perRound(rates.map((x, i) => x / imports(sqliteKey)[i]!))} SQLite's whole import`;
    };
    console.log(
      `  PostgreSQL's writes alone, the CSV's rows copied straight into components and offers (no file, no staging, no look-ups): ${floor((f) => f.newCatalogue, "sqlite csv")}`,
    );
    console.log(
      `  PostgreSQL's writes alone, the supplier's next file (its offers deleted and copied again): ${floor((f) => f.nextFile, "sqlite csv again")}`,
    );
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "pricing-bench-"));
  try {
    // Other work on the machine skews every figure: the load average is printed to tell.
    const load = () =>
      loadavg()
        .map((l) => l.toFixed(2))
        .join(" ");
    console.log(`Node ${process.version}, ${cpus().length} cores, ${RUNS} rounds, load average ${load()}`);
    const xlsx = new Map<number, string>();
    for (const size of SIZES) {
      const file = join(dir, `stock-${size}.xlsx`);
      makeStockFile(file, size);
      xlsx.set(size, file);
      console.log(`stock file of ${size.toLocaleString("en-US")} rows: xlsx ${mb(statSync(file).size).toFixed(1)} MB`);
    }
    const csv = join(dir, `stock-${PEER_SIZE}.csv`);
    makeStockCsv(csv, PEER_SIZE);
    console.log(`stock file of ${PEER_SIZE.toLocaleString("en-US")} rows: csv ${mb(statSync(csv).size).toFixed(1)} MB`);
    const warmUpXlsx = join(dir, "warm-up.xlsx");
    const warmUpCsv = join(dir, "warm-up.csv");
    makeStockFile(warmUpXlsx, WARM_UP_ROWS, "WARM");
    makeStockCsv(warmUpCsv, WARM_UP_ROWS, "WARM");
    console.log(
      `each child first imports (or reads) a warm-up file of ${WARM_UP_ROWS.toLocaleString("en-US")} other rows, as a kept task thread has; ` +
        "each round runs every import and then the peer, so each ratio is taken within a round",
    );
    if (!IMPORTS_ONLY)
      console.log("recalculate: 100,000 components, 500,000 stock offers; memory is this process's (not the PostgreSQL server's)");
    console.log("");
    const rounds: Round[] = [];
    for (let run = 0; run < RUNS; run++) rounds.push(await round(dir, { xlsx, csv, warmUpXlsx, warmUpCsv }));
    const lines: Lines = new Map();
    tabulate(rounds, lines);
    if (!IMPORTS_ONLY) await recalculations(dir, lines);
    printTable(lines);
    comparePeer(rounds);
    console.log(`\nload average at the end ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, ...args] = process.argv.slice(2).filter((arg) => arg !== "--imports");
if (mode === "import")
  process.send!(await childImport(args[0] as SqlDialect, args[1]!, args[2]!, args[3]!, args[4] === "again"), () => process.exit(0));
else if (mode === "exceljs") process.send!(await childExceljs(args[0]!, args[1]!), () => process.exit(0));
else if (mode === "read") process.send!(await childRead(args[0]!, args[1]!), () => process.exit(0));
else if (mode === "floor") process.send!(await childFloor(args[0]!, args[1]!), () => process.exit(0));
else if (mode === "recalculate") process.send!(await childRecalculate(args[0] as SqlDialect, args[1]!), () => process.exit(0));
else await main();
