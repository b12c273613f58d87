import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { PricingDb, PricingTables } from "../db/database.ts";
import { Kysely, PostgresDialect } from "../db/kysely.ts";
import { searchText } from "../db/search-text.ts";
import { importTransaction } from "../db/write-transactions.ts";
import { applyImport } from "./apply-import.ts";
import type { StagedRow } from "./rows.ts";
import { STAGED_COLUMNS, type Staging, stagingTableName } from "./stager.ts";

/**
 * PostgreSQL: a TEMP table of a session the import holds from start to end (a temp table is
 * seen by its session only, so staging and the apply share it), filled by one COPY per batch.
 * COPY parses text rows without planning a statement; a temp table skips the WAL and leaves no
 * dead rows in a shared table. The session's end drops the table even when the process dies.
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
    await client.query(
      `CREATE TEMP TABLE ${table} (row_number integer PRIMARY KEY, part_number text COLLATE "C" NOT NULL, vendor text COLLATE "C",
        name text COLLATE "C", category text, quantity double precision, price double precision NOT NULL, search_text text NOT NULL)`,
    );
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  const session = sessionDb(client);
  let inFlight: Promise<void> = Promise.resolve();
  return {
    async write(rows) {
      await inFlight;
      inFlight = copyRows(client, table, rows);
      // Awaited by the next write or finish; until then a failure must not count as unhandled.
      inFlight.catch(() => {});
    },
    finish: () => inFlight,
    settle: () => inFlight.catch(() => {}),
    apply: (a) => importTransaction(session, a.supplier, a.kind, (trx) => applyImport(trx, "postgres", table, a)),
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

async function copyRows(client: pg.PoolClient, table: string, rows: readonly StagedRow[]): Promise<void> {
  let text = "";
  for (const r of rows) {
    text += `${r.rowNumber}\t${copyText(r.partNumber)}\t${copyText(r.vendor)}\t${copyText(r.name)}\t${copyText(r.category)}\t${
      r.quantity === null ? "\\N" : r.quantity
    }\t${r.price}\t${copyText(searchText(r.partNumber, r.name))}\n`;
  }
  const stream = client.query(copyFrom(`COPY ${table} (${STAGED_COLUMNS}) FROM STDIN`));
  stream.end(text, "utf8");
  await once(stream, "finish");
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value in COPY's text format: NULL as \N; backslash, tab and line breaks escaped. */
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}
