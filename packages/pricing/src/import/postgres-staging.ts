import { once } from "node:events";
import type pg from "pg";
import { type CopyStreamQuery, from as copyFrom } from "pg-copy-streams";
import type { PricingDb, PricingTables } from "../db/database.ts";
import { Kysely, PostgresDialect } from "../db/kysely.ts";
import { searchText } from "../db/search-text.ts";
import { importTransaction } from "../db/write-transactions.ts";
import { applyImport } from "./apply-import.ts";
import type { StagedRow } from "./rows.ts";
import { STAGED_COLUMNS, type Staging, stagingTableName } from "./stager.ts";

/**
 * PostgreSQL: a TEMP table of a session the import holds from start to end (a temp table is
 * seen by its session only, so staging and the apply share it), filled by ONE COPY that stays
 * open while the file is read: each batch is written into it, and the next batch is read while
 * PostgreSQL parses this one (the socket's backpressure holds the reader back when PostgreSQL
 * falls behind). A COPY per batch paid a statement's start and end and a round trip 50 times per
 * 100,000 rows, with nothing to read in between. A temp table skips the WAL and leaves no dead
 * rows in a shared table; it has no key, since the apply only scans and joins it whole. The
 * session's end drops the table even when the process dies.
 */
export async function openPostgresStaging(db: PricingDb): Promise<Staging> {
  const pool = db.pool;
  if (pool === undefined) throw new Error("openPostgresStaging needs a PricingDb from postgresPricingDb");
  const client = await pool.connect();
  // A session lost between batches (server restart, terminated backend) emits its error here;
  // the next COPY or the apply then fails with it, and close ends the client.
  const ignoreLost = () => {};
  client.on("error", ignoreLost);
  const table = stagingTableName();
  try {
    // 100,000 staged rows take about 22 MB, which at the default 8 MB of temp buffers went out to
    // files while staging and were read back by each scan of the apply. Only a session that has
    // not used a temp table yet may change it (a later import on it already has it); memory is
    // taken only as the table grows.
    await client.query("SET temp_buffers = '32MB'").catch(() => {});
    await client.query(
      `CREATE TEMP TABLE ${table} (row_number integer NOT NULL, part_number text COLLATE "C" NOT NULL, vendor text COLLATE "C",
        name text COLLATE "C", category text, quantity double precision, price double precision NOT NULL, search_text text NOT NULL)`,
    );
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  const session = sessionDb(client);
  let copy: { stream: CopyStreamQuery; done: Promise<void>; failed?: { error: unknown } } | undefined;
  let rowsWritten = 0;
  const finish = async () => {
    if (copy === undefined) return;
    // A COPY whose session failed has let go of it, and must not be written to or ended.
    if (copy.failed === undefined) copy.stream.end();
    await copy.done;
  };
  return {
    async write(rows) {
      if (rows.length === 0) return;
      rowsWritten += rows.length;
      if (copy === undefined) {
        const stream = client.query(copyFrom(`COPY ${table} (${STAGED_COLUMNS}) FROM STDIN`));
        // Rejects on the COPY's error; awaited by a write or finish, never unhandled meanwhile.
        const done = once(stream, "finish").then(() => {});
        done.catch(() => {});
        copy = { stream, done };
        const opened = copy;
        stream.on("error", (error) => (opened.failed ??= { error }));
      }
      if (copy.failed !== undefined) throw copy.failed.error;
      if (!copy.stream.write(copyText(rows), "utf8")) await Promise.race([once(copy.stream, "drain"), copy.done]);
    },
    finish,
    // Ends the COPY (what it holds is dropped with the table by close): the session must be out
    // of COPY before close can drop the table.
    settle: () => finish().catch(() => {}),
    apply: (a) =>
      importTransaction(session, a.supplier, a.kind, (trx) => applyImport(trx, "postgres", { name: table, rows: rowsWritten }, a)),
    async close() {
      try {
        await client.query(`DROP TABLE IF EXISTS ${table}`);
        client.off("error", ignoreLost);
        client.release();
      } catch (error) {
        // A session that cannot drop its table is ended instead, which drops it (the listener
        // stays: the dying socket may still report).
        client.release(error as Error);
      }
    },
  };
}

/**
 * Kysely over the held session, so the apply runs where the temp table is. Kysely releases a
 * connection after each query or transaction; this one stays the import's until close.
 */
function sessionDb(client: pg.PoolClient): PricingDb {
  const held = { query: client.query.bind(client), release: () => {} };
  const pool = { connect: async () => held, end: async () => {} };
  return { kysely: new Kysely<PricingTables>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres" };
}

/** Rows in COPY's text format, one line each. */
function copyText(rows: readonly StagedRow[]): string {
  let text = "";
  for (const r of rows) {
    text += `${r.rowNumber}\t${copyValue(r.partNumber)}\t${copyValue(r.vendor)}\t${copyValue(r.name)}\t${copyValue(r.category)}\t${
      r.quantity === null ? "\\N" : r.quantity
    }\t${r.price}\t${copyValue(searchText(r.partNumber, r.name))}\n`;
  }
  return text;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value in COPY's text format: NULL as \N; backslash, tab and line breaks escaped. */
function copyValue(value: string | null): string {
  if (value === null) return "\\N";
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}
