import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { PricingDb, PricingTables } from "../db/database.ts";
import type { ControlledTransaction, Kysely as KyselyType } from "kysely";
import { Kysely, PostgresDialect, sql } from "../db/kysely.ts";
import { searchTextParts } from "../db/search-text.ts";
import { takeImportLock } from "../db/write-transactions.ts";
import { deleteOffers, type ImportTarget, knownOffersFrom, offersFrom, recordImport } from "./apply-import.ts";
import { gapFillFrom, newComponentsFrom, UNIQUE_VIOLATION } from "./upsert-components.ts";
import type { StagedRow } from "./rows.ts";
import { STAGED_COLUMNS, type Staging, stagingTableName } from "./stager.ts";

/**
 * PostgreSQL: the import is one transaction from its first batch to its commit, on a session it
 * holds throughout, and each batch is applied while the reader reads the next: COPY into a TEMP
 * table, its components created or filled (upsert-components.ts) and its offers inserted, the
 * table truncated for the next. PostgreSQL's writes thus run on their own core beside the reading,
 * where a whole-file apply after the reading left the worker idle for as long again (0.96 s of a
 * 2.2 s import of 100,000 rows). The transaction keeps it all or nothing: the supplier's rows are
 * deleted at the start and the new ones committed at the end, so readers (snapshots) see the old
 * rows or the new ones, and a failed or cancelled import rolls back. The import lock of its
 * supplier and kind is taken first, so a second import of that supplier waits before it reads.
 *
 * The price of the long transaction: a new part number it inserted is locked until it commits,
 * so another import that meets the same new part number waits for it; two that meet two such
 * part numbers in crossing orders (batch by batch) deadlock, PostgreSQL fails one, and that
 * import runs again from its first row (importStock).
 */
export async function openPostgresStaging(db: PricingDb, target: ImportTarget, signal?: AbortSignal): Promise<Staging> {
  const pool = db.pool;
  if (pool === undefined) throw new Error("openPostgresStaging needs a PricingDb from postgresPricingDb");
  const client = await pool.connect();
  // A session lost between batches (server restart, terminated backend) emits its error here;
  // the next statement then fails with it, and close ends the client.
  const ignoreLost = () => {};
  client.on("error", ignoreLost);
  const table = stagingTableName();
  let trx: ControlledTransaction<PricingTables>;
  try {
    const [, backend] = (await client.query(`${createStagingTable(table)}; SELECT pg_backend_pid() AS pid`)) as unknown as [
      unknown,
      pg.QueryResult<{ pid: number }>,
    ];
    trx = await sessionDb(client).startTransaction().execute();
    await cancellable(pool, backend.rows[0]!.pid, signal, () => takeImportLock(trx, target.supplier, target.kind));
    for (const setting of BATCH_PLANNER_SETTINGS) await sql.raw(setting).execute(trx);
    // The batch statements carry the supplier's name as a literal: quotes are doubled, and a
    // backslash must stay a backslash (the default, but a server may be set otherwise).
    await sql`SET LOCAL standard_conforming_strings = on`.execute(trx);
    await deleteOffers(trx, target);
  } catch (error) {
    client.release(error as Error);
    // A cancel that stopped the wait for the lock ends the import as cancelled, not as the
    // statement's error.
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
  const statements = batchStatements(trx, table, target);
  const encode = copyEncoder();
  let created = 0;
  let offers = 0;
  // Whether the batch before created a component for each of its rows, as every batch of a new
  // catalogue does. Then this batch creates its new components first and joins all its rows to
  // them for their offers; otherwise each row is looked up once, its offer inserted if its
  // component exists, and only the rows left unmatched go through the insert (knownOffersFrom).
  let allNew = false;
  // Every round trip waits for a turn of the worker's event loop, which the reader holds for a
  // chunk of the file at a time, so a batch's statements go in as few strings as they can.
  const applyBatch = async (copy: Buffer, rows: number) => {
    await copyIn(client, `COPY ${table} (${STAGED_COLUMNS}) FROM STDIN`, copy);
    const plan = allNew ? statements.newFirst : statements.knownFirst;
    let results: pg.QueryResult[];
    try {
      results = await many(client, plan.run);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      results = await many(client, plan.retry);
    }
    const known = allNew ? undefined : (results[1] as pg.QueryResult<KnownRows>).rows[0]!;
    const inserted = results[known ? 2 : 1]!.rowCount ?? 0;
    // The rows that went through the new components' insert.
    const unmatched = known ? Number(known.unmatched) : rows;
    created += inserted;
    offers += Number(known?.offers ?? 0) + (results.at(-1)!.rowCount ?? 0);
    // A gap is possible where a known component lacks a field of its row, or where a part number
    // created here has other rows in the batch (or another import created it meanwhile): then
    // fewer components were created than rows went through the insert.
    const fills = (known?.fills ?? false) || inserted < unmatched;
    allNew = inserted === rows;
    await client.query(fills ? `${statements.fillGaps}; ${statements.truncate}` : statements.truncate);
  };
  // The batch in flight; a failure waits in it for the next write or finish.
  let inFlight: Promise<void> = Promise.resolve();
  let committed = false;
  return {
    async write(rows) {
      if (rows.length === 0) return;
      // Encoded while PostgreSQL still applies the batch before, not after, when it would wait
      // idle for these bytes.
      const copy = encode(rows);
      await inFlight;
      inFlight = applyBatch(copy, rows.length);
      inFlight.catch(() => {});
    },
    finish: () => inFlight,
    settle: () => inFlight.catch(() => {}),
    async apply() {
      await inFlight;
      await recordImport(trx, target, offers);
      await trx.commit().execute();
      committed = true;
      return { created, offers };
    },
    async close() {
      try {
        if (!committed) await trx.rollback().execute();
        await client.query(`DROP TABLE IF EXISTS ${table}`);
        client.off("error", ignoreLost);
        client.release();
      } catch (error) {
        // A session that cannot roll back or drop its table is ended instead, which does both
        // (the listener stays: the dying socket may still report).
        client.release(error as Error);
      }
    },
  };
}

/**
 * An import's staging table, a TEMP table of its session, keyed by row number; `unmatched` marks
 * the rows a batch's look-ups found no component for (knownOffersFrom).
 */
export const createStagingTable = (table: string): string =>
  `CREATE TEMP TABLE ${table} (row_number integer PRIMARY KEY, part_number text COLLATE "C" NOT NULL, vendor text COLLATE "C",
    name text COLLATE "C", category text, quantity double precision, price double precision NOT NULL, search_text text NOT NULL,
    unmatched boolean NOT NULL DEFAULT FALSE)`;

/**
 * Set in the import's transaction. Each batch's statements join its 2,000 staged rows with
 * components by part number, and with staging by row number: look-ups by index, whatever the
 * statistics say. Planned by cost, each batch hashed all the components instead (a scan of the
 * whole catalogue per batch, 3.7 s for 100,000 rows). And in a catalogue analyzed as nearly empty
 * over many pages (a cancelled import's rows, rolled back), the planner takes the rows the import
 * adds for a handful and the index for as dear as a scan: with only hash and merge joins off, it
 * scanned every component (or a copy of them kept in memory) for every staged row, and the re-run
 * of a killed worker's 600,000-row import stood at its 406,000th row for minutes. Scans and copies
 * are not forbidden by these settings, only priced out wherever an index can serve
 * (batch-plans.test.ts). The price is added to the plan's cost, which then passed jit_above_cost:
 * each batch statement was compiled (130-210 ms, against 2-4 ms to run it), hence no JIT.
 */
export const BATCH_PLANNER_SETTINGS = [
  "SET LOCAL enable_hashjoin = off",
  "SET LOCAL enable_mergejoin = off",
  "SET LOCAL enable_seqscan = off",
  "SET LOCAL enable_material = off",
  "SET LOCAL jit = off",
] as const;

/**
 * Runs `wait` (a statement of session `pid` that may wait long: another import of the same
 * supplier holds the lock until its commit), and cancels that statement if `signal` aborts
 * meanwhile, from another connection of the pool: a cancelled task must not sit waiting for the
 * other import to end.
 */
async function cancellable(pool: pg.Pool, pid: number, signal: AbortSignal | undefined, wait: () => Promise<void>): Promise<void> {
  if (signal === undefined) return wait();
  const cancel = () => void pool.query("SELECT pg_cancel_backend($1)", [pid]).catch(() => {});
  if (signal.aborted) cancel();
  signal.addEventListener("abort", cancel, { once: true });
  try {
    await wait();
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}

/** What knownOffersFrom returns: one row. */
interface KnownRows {
  offers: string;
  unmatched: string;
  fills: boolean;
}

/** The statements each batch runs, as text without parameters (see offersFrom). */
function batchStatements(trx: KyselyType<PricingTables>, table: string, target: ImportTarget) {
  const staged = sql.raw(table);
  const text = (query: { compile: (db: KyselyType<PricingTables>) => { sql: string; parameters: readonly unknown[] } }) => {
    const compiled = query.compile(trx);
    if (compiled.parameters.length > 0) throw new Error("a batch statement must carry its values as literals");
    return compiled.sql;
  };
  const offersOfAll = text(offersFrom(staged, target));
  const known = text(knownOffersFrom(staged, target));
  const offersOfUnmatched = text(offersFrom(staged, target, true));
  // Each plan runs after SAVEPOINT new_components, which is released after the new components'
  // insert; if that insert fails on a part number another import created meanwhile, the retry
  // runs after a rollback to the savepoint, with the insert that skips those. In both strings the
  // savepoint's statement answers first, then knownOffersFrom (if the plan has it), then the new
  // components' insert; the offers not inserted yet answer last.
  const plan = (first: string[], insert: (skip: boolean) => string, offers: string) => ({
    run: `SAVEPOINT new_components; ${[...first, insert(false), "RELEASE SAVEPOINT new_components", offers].join("; ")}`,
    retry: `ROLLBACK TO SAVEPOINT new_components; ${[...first, insert(true), offers].join("; ")}`,
  });
  return {
    newFirst: plan([], (skip) => text(newComponentsFrom(staged, skip)), offersOfAll),
    knownFirst: plan([known], (skip) => text(newComponentsFrom(staged, skip, true)), offersOfUnmatched),
    fillGaps: text(gapFillFrom(staged)),
    truncate: `TRUNCATE ${table}`,
  };
}

/** Runs statements sent as one string; returns each one's result. */
async function many(client: pg.PoolClient, statements: string): Promise<pg.QueryResult[]> {
  return (await client.query(statements)) as unknown as pg.QueryResult[];
}

/** Rows in COPY's text format sent by one `COPY … FROM STDIN` statement. */
export async function copyIn(client: pg.ClientBase, statement: string, rows: string | Buffer): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const done = once(stream, "finish");
  stream.end(rows);
  await done;
}

/**
 * Kysely over the held session, so every statement runs where the temp table and the transaction
 * are. Kysely releases a connection after each query or transaction; this one stays the import's
 * until close.
 */
function sessionDb(client: pg.PoolClient): KyselyType<PricingTables> {
  const held = { query: client.query.bind(client), release: () => {} };
  const pool = { connect: async () => held, end: async () => {} };
  return new Kysely<PricingTables>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Encodes batches as COPY's text format, one line a row, in UTF-8. Each line is written into a
 * buffer kept from batch to batch: one string of the whole batch, built by concatenation, cost
 * the worker 1.6 times as much CPU (its 16,000 pieces copied again when encoded), about 0.1 s
 * per 100,000 rows. The batch is returned as a copy: the one before may still be on its way.
 */
function copyEncoder(): (rows: readonly StagedRow[]) => Buffer {
  let scratch = Buffer.allocUnsafe(1 << 18);
  return (rows) => {
    let at = 0;
    for (const r of rows) {
      // The search text's lines escaped each, and its line break as COPY writes one.
      const [searchPart, searchName] = searchTextParts(r.partNumber, r.name);
      const line = `${r.rowNumber}\t${copyValue(r.partNumber)}\t${copyValue(r.vendor)}\t${copyValue(r.name)}\t${copyValue(r.category)}\t${
        r.quantity === null ? "\\N" : r.quantity
      }\t${r.price}\t${copyValue(searchPart)}\\n${copyValue(searchName)}\n`;
      // A UTF-16 unit takes at most three bytes in UTF-8.
      const most = line.length * 3;
      if (scratch.length - at < most) {
        const grown = Buffer.allocUnsafe(Math.max(scratch.length * 2, at + most));
        scratch.copy(grown, 0, 0, at);
        scratch = grown;
      }
      at += scratch.write(line, at, "utf8");
    }
    return Buffer.from(scratch.subarray(0, at));
  };
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value in COPY's text format: NULL as \N; backslash, tab and line breaks escaped. */
function copyValue(value: string | null): string {
  if (value === null) return "\\N";
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}
