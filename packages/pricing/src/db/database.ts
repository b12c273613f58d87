import { setImmediate as nextTurn } from "node:timers/promises";
import type BetterSqlite3 from "better-sqlite3";
import type { Generated, Kysely as KyselyType, Transaction } from "kysely";
import { Kysely, PostgresDialect } from "./kysely.ts";
import { SharedSqliteDialect } from "./sqlite-dialect.ts";
import pg from "pg";

export type SqlDialect = "sqlite" | "postgres";

/** A database the pricing functions (and the server's migrations) run on. */
export interface SqlDatabase {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a database of any schema: migrations run on it before its tables exist, as in Kysely's own Migrator
  readonly kysely: KyselyType<any>;
  readonly dialect: SqlDialect;
}

/** The pricing tables as Kysely sees them; migrations.ts holds their DDL. Times are ms since epoch. */
export interface PricingTables {
  components: {
    id: Generated<number>;
    part_number: string;
    vendor: string | null;
    name: string | null;
    category: string | null;
    price: number | null;
    price_updated_at: number | null;
    search_text: string;
  };
  /** No id: nothing reads an offer by one (SQLite's rowid is there, PostgreSQL has none: migration 007). */
  offers: {
    supplier: string;
    kind: "stock" | "competitor";
    component_id: number;
    quantity: number | null;
    price: number;
    imported_at: number;
  };
  pricelists: {
    id: string;
    source: "estimate" | "warehouse" | "competitor";
    created_at: number;
    task_id: string | null;
    row_count: number;
  };
  pricelist_rows: {
    pricelist_id: string;
    position: number;
    part_number: string;
    vendor: string | null;
    name: string | null;
    price: number;
    quantity: number | null;
  };
  suppliers: {
    name: string;
    kind: "stock" | "competitor";
    offers: number;
    last_imported_at: number | null;
    /** A StockMapping as JSON. */
    mapping: string | null;
    mapping_saved_at: number | null;
  };
}

export interface PricingDb extends SqlDatabase {
  readonly kysely: KyselyType<PricingTables>;
  /** The handle under Kysely (SQLite): imports stage through it with prepared statements. */
  readonly sqlite?: BetterSqlite3.Database;
  /** The pool under Kysely (PostgreSQL): an import holds one session of it (temp table, COPY). */
  readonly pool?: pg.Pool;
}

/** Prepared statements kept per connection: imports and recalculations run the same few again and again. */
const STATEMENT_CACHE = 100;

/**
 * Kysely's SQLite driver prepares every query it runs; parsing a 2,000-parameter INSERT for
 * each batch cost a fifth of the import's speed. This hands it the same prepared statement
 * for the same text (statements are reusable; we never stream, which would hold one open).
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/** Wraps an open better-sqlite3 handle (see openDatabase). The caller closes the handle. */
export function sqlitePricingDb(sqlite: BetterSqlite3.Database): PricingDb {
  const database = withStatementCache(sqlite);
  return { kysely: new Kysely<PricingTables>({ dialect: new SharedSqliteDialect({ database }, sqlite) }), dialect: "sqlite", sqlite };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * A pool that reads int8 (counts, ms timestamps) and numeric as JS numbers, as SQLite gives
 * them, set on this pool only. Every value stored fits in a double (ms until the year 275760).
 */
export function createPostgresPool(url: string, options: { max?: number; Client?: typeof pg.Client } = {}): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // The pool's connections, of a class the caller may give (the server's tells its connection failures apart).
    ...(options.Client ? { Client: options.Client } : {}),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? Number
          : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser,
    },
  });
}

/** Wraps a pool (from createPostgresPool). The caller ends the pool. */
export function postgresPricingDb(pool: pg.Pool): PricingDb {
  return { kysely: new Kysely<PricingTables>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres", pool };
}

/**
 * SQLite: better-sqlite3 settles every statement at once, so work that then awaits only its
 * own statements runs to the end in microtasks. Started on a fresh event-loop turn (an empty
 * microtask queue), nothing else interleaves with it: no timer, request or task, and no other
 * handle's transaction that would make this one wait on the file lock while blocking the
 * thread that could release it. Another connection's lock (a task thread's, since each has its
 * own) is waited for between turns by sqlite-dialect.ts, not here.
 */
export async function ownTurn(db: SqlDatabase): Promise<void> {
  if (db.dialect === "sqlite") await nextTurn();
}

/**
 * Runs `body` as one transaction (on its own turn on SQLite: see ownTurn). The locks and snapshot
 * a pricing write takes besides are write-transactions.ts's.
 */
export async function transaction<T>(db: PricingDb, body: (trx: Transaction<PricingTables>) => Promise<T>): Promise<T> {
  await ownTurn(db);
  return db.kysely.transaction().execute(body);
}
