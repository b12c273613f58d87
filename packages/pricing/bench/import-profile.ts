/**
 * Where one PostgreSQL import's time goes: a fresh database, a warm-up import, then one import of
 * the benchmark's 100,000 rows (CSV or .xlsx) with every statement timed on the driver (its
 * round trip included), the COPYs summed, and the phases (reading and staging, apply) split.
 * With --explain the apply's writes run under EXPLAIN (ANALYZE, BUFFERS) and their plans print.
 *
 *   TASKLANE_TEST_DATABASE_URL=postgres://… npx tsx bench/import-profile.ts [csv|xlsx] [--explain] [--known] [--rounds N [--checkpoint]]
 * --known: the measured file repeats the warm-up's part numbers (a supplier's next file).
 * --rounds N: then imports the same file N more times into the same database, timing each (and
 * the server's WAL meanwhile); --checkpoint: a CHECKPOINT before each of those rounds.
 * --waits: what the import's PostgreSQL session was doing, sampled every 2 ms from another
 * process (pg_stat_activity): on CPU, waiting for this process (ClientRead), or for I/O or a lock.
 * The event loop's delay over the import prints always: how long PostgreSQL's answers may wait
 * for a turn of it.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createPostgresPool, importStock, migratePricing, postgresPricingDb } from "../src/index.ts";
import { rawXlsx } from "../test/helpers/xlsx.ts";

const url = process.env.TASKLANE_BENCH_DATABASE_URL ?? process.env.TASKLANE_TEST_DATABASE_URL;
if (!url) throw new Error("TASKLANE_TEST_DATABASE_URL is needed");
const format = process.argv.includes("xlsx") ? "xlsx" : "csv";
const explain = process.argv.includes("--explain");
const known = process.argv.includes("--known");
const ROWS = 100_000;

const HEADER = ["Артикул", "Наименование", "Производитель", "Остаток", "Цена"];
const VENDORS = ["Hyperline", "Cisco", "HPE", "Supermicro", "Intel", "Kingston"];
const row = (i: number, prefix: string) => [
  `${prefix}-${i}`,
  `Серверный модуль памяти №${i} DDR5 ${i % 64} ГБ`,
  VENDORS[i % VENDORS.length]!,
  i % 50,
  100 + (i % 997) * 1.25,
];
function write(path: string, rows: number, prefix: string): void {
  if (format === "xlsx") {
    const data = Array.from({ length: rows }, (_, i) => ({ r: i + 2, cells: row(i, prefix) }));
    writeFileSync(path, rawXlsx({ rows: [{ r: 1, cells: HEADER }, ...data] }));
    return;
  }
  const line = (cells: readonly (string | number)[]) =>
    cells.map((c) => (typeof c === "number" ? String(c).replace(".", ",") : c)).join(";");
  writeFileSync(path, `\uFEFF${[line(HEADER), ...Array.from({ length: rows }, (_, i) => line(row(i, prefix)))].join("\r\n")}\r\n`);
}

interface Timed {
  what: string;
  ms: number;
}
const timings: Timed[] = [];
let recording = false;
const plans: string[] = [];
// Every statement through the driver, timed from the call to its answer (the round trip included).
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
const original = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const started = performance.now();
  const label =
    typeof first === "string" ? first.replace(/\s+/g, " ").trim().slice(0, 90) : ((first as { text?: string })?.text ?? "COPY stream");
  if (typeof first === "string" && explain && recording && /^\s*(INSERT|UPDATE|DELETE)/i.test(first)) {
    args[0] = `EXPLAIN (ANALYZE, BUFFERS, VERBOSE OFF) ${first}`;
    const result = original.apply(this, args) as Promise<pg.QueryResult>;
    return result.then((r) => {
      plans.push(`-- ${label}\n${r.rows.map((p) => (p as Record<string, string>)["QUERY PLAN"]).join("\n")}`);
      timings.push({ what: label, ms: performance.now() - started });
      return { ...r, rowCount: 0 };
    });
  }
  const result = original.apply(this, args);
  if (recording && result && typeof (result as Promise<unknown>).then === "function")
    (result as Promise<unknown>).then(
      () => timings.push({ what: label, ms: performance.now() - started }),
      () => {},
    );
  else if (recording && first && typeof (first as { on?: unknown }).on === "function")
    (first as NodeJS.EventEmitter).once("finish", () =>
      timings.push({ what: "COPY … FROM STDIN (one batch)", ms: performance.now() - started }),
    );
  return result;
};

/**
 * CPU seconds of each backend of database `name` on this machine (from /proc, every 10 ms while
 * sampling, so that a backend whose session ends before the import does still counts): which of
 * the import's sessions PostgreSQL's time went to. Needs the server on this machine.
 */
function sampleBackends(database: string): { stop(): Map<number, number> } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const tick = () => {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (!readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(` ${database} `)) continue;
        const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
        const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
        const pid = Number(entry);
        if (!first.has(pid)) first.set(pid, seconds);
        last.set(pid, seconds);
      } catch {
        // Gone between the listing and the read.
      }
    }
  };
  tick();
  const timer = setInterval(tick, 10);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return new Map([...last].map(([pid, s]) => [pid, s - first.get(pid)!]));
    },
  };
}

/**
 * --waits: a child process (so that its queries take no turns of this event loop) samples the
 * state and wait event of the sessions of database `name` running an import's statements.
 * Returns each state's share of the samples once stopped.
 */
async function sampleWaits(database: string): Promise<{ stop(): Promise<string[]> }> {
  const child = fork(import.meta.filename, ["--sample-waits", database], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await once(child, "message");
  return {
    async stop() {
      child.send("stop");
      const [counts] = (await once(child, "message")) as [[string, number][]];
      const total = counts.reduce((sum, [, n]) => sum + n, 0);
      return counts.map(([state, n]) => `${((100 * n) / total).toFixed(0).padStart(3)}%  ${state}`);
    },
  };
}

if (process.argv[2] === "--sample-waits") {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = new Map<string, number>();
  let sampling = true;
  process.on("message", () => (sampling = false));
  process.send!("ready");
  while (sampling) {
    const { rows } = await client.query<{ state: string; type: string | null; event: string | null }>(
      `SELECT state, wait_event_type AS type, wait_event AS event FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid() AND query LIKE '%import_rows_%'`,
      [process.argv[3]],
    );
    for (const r of rows) {
      const state = r.type === null ? `${r.state}, on CPU` : `${r.state}, waiting: ${r.type} ${r.event}`;
      counts.set(state, (counts.get(state) ?? 0) + 1);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await client.end();
  process.send!(
    [...counts].sort((a, b) => b[1] - a[1]),
    () => process.exit(0),
  );
  await new Promise(() => {});
}

const dir = mkdtempSync(join(tmpdir(), "import-profile-"));
const name = `tasklane_profile_${process.pid}`;
const admin = async (text: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(text).finally(() => c.end());
};
await admin(`CREATE DATABASE ${name}`);
try {
  const target = new URL(url);
  target.pathname = `/${name}`;
  const pool = createPostgresPool(target.href);
  const db = postgresPricingDb(pool);
  await migratePricing(db);
  const warm = join(dir, `warm.${format}`);
  const file = join(dir, `stock.${format}`);
  write(warm, known ? ROWS : 20_000, known ? "PN" : "WARM");
  write(file, ROWS, "PN");
  const ctx = (progress: (p: number, m: unknown) => void) => ({ signal: new AbortController().signal, progress });
  await importStock(
    db,
    { filePath: warm, supplier: known ? "bench" : "warm-up", kind: "stock" },
    ctx(() => {}),
  );
  recording = true;
  const cpuBefore = process.cpuUsage();
  const backends = sampleBackends(name);
  const waits = process.argv.includes("--waits") ? await sampleWaits(name) : undefined;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const started = performance.now();
  let staged = 0;
  const result = await importStock(
    db,
    { filePath: file, supplier: "bench", kind: "stock" },
    ctx((p) => {
      if (p === 90 && staged === 0) staged = performance.now();
    }),
  );
  const ended = performance.now();
  loopDelay.disable();
  const waited = await waits?.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const backendCpu = [...backends.stop().values()].filter((s) => s > 0).sort((a, b) => b - a);
  recording = false;
  await pool.end();
  const copies = timings.filter((t) => t.what.startsWith("COPY"));
  const others = timings.filter((t) => !t.what.startsWith("COPY"));
  console.log(
    `${format}, ${result.imported} rows${known ? " (all part numbers known)" : " (all part numbers new)"}: ${((ended - started) / 1000).toFixed(3)} s, ${Math.round(result.imported / ((ended - started) / 1000))} rows/s`,
  );
  console.log(
    `  read + check + stage: ${((staged - started) / 1000).toFixed(3)} s; saving (apply and after): ${((ended - staged) / 1000).toFixed(3)} s`,
  );
  console.log(
    `  COPY batches: ${copies.length}, ${(copies.reduce((s, t) => s + t.ms, 0) / 1000).toFixed(3)} s in all (overlapping reading)`,
  );
  console.log(`  this process's CPU over the import: ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s (every thread: the reader's too)`);
  console.log(
    `  PostgreSQL backends' CPU over the import: ${backendCpu.map((s) => s.toFixed(2)).join(" + ")} s (each session that used any, busiest first)`,
  );
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(
    `  event loop delay over the import (1 ms timer), ms: p50 ${ms(loopDelay.percentile(50))}, p90 ${ms(loopDelay.percentile(90))}, ` +
      `p99 ${ms(loopDelay.percentile(99))}, max ${ms(loopDelay.max)}`,
  );
  if (waited) console.log(`  the import's PostgreSQL session, sampled every 2 ms:\n    ${waited.join("\n    ")}`);
  console.log(`  statements: ${others.length}`);
  for (const t of others) console.log(`    ${t.ms.toFixed(1).padStart(8)} ms  ${t.what}`);
  for (const p of plans) console.log(`\n${p}`);
  // --rounds N: the same file imported again N times into the same database, as a supplier's
  // next files are: each replaces the 100,000 offers before it, so any dead rows it leaves for
  // the next to step over show as a rising time.
  const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1] ?? 0);
  if (process.argv.includes("--rounds") && rounds > 0) {
    const again = createPostgresPool(target.href);
    // The server's WAL written so far, full-page images and checkpoints (the whole cluster's:
    // others' work on it counts too).
    const walNow = async () => {
      const { rows } = await again.query<{ bytes: string; fpi: string; checkpoints: string }>(
        `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') AS bytes, (SELECT wal_fpi FROM pg_stat_wal) AS fpi,
           (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter) AS checkpoints`,
      );
      return { bytes: Number(rows[0]!.bytes), fpi: Number(rows[0]!.fpi), checkpoints: Number(rows[0]!.checkpoints) };
    };
    const times: string[] = [];
    for (let i = 0; i < rounds; i++) {
      // --checkpoint: each round right after a checkpoint, so its first change of every page it
      // writes is logged whole (full_page_writes), as happens once per checkpoint interval.
      if (process.argv.includes("--checkpoint")) await again.query("CHECKPOINT");
      const before = await walNow();
      const t0 = performance.now();
      await importStock(
        postgresPricingDb(again),
        { filePath: file, supplier: "bench", kind: "stock" },
        ctx(() => {}),
      );
      const seconds = ((performance.now() - t0) / 1000).toFixed(2);
      const after = await walNow();
      const checkpoints = after.checkpoints - before.checkpoints;
      times.push(
        `${seconds} (WAL ${((after.bytes - before.bytes) / 1048576).toFixed(0)} MB, ${after.fpi - before.fpi} full pages` +
          `${checkpoints > 0 ? `, ${checkpoints} checkpoints` : ""})`,
      );
    }
    await again.end();
    console.log(`  the same file again, ${rounds} rounds, seconds each (the server's WAL meanwhile):\n    ${times.join("\n    ")}`);
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
}
