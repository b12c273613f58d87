import type { PricingDb } from "../db/database.ts";
import { sql } from "../db/kysely.ts";
import type { ImportTarget } from "./apply-import.ts";
import { openPostgresStaging } from "./postgres-staging.ts";
import type { StagedRow } from "./rows.ts";
import { openSqliteStaging } from "./sqlite-staging.ts";

/** Writes an import's rows to its staging table, batch by batch. */
export interface Stager {
  /**
   * Hands this batch over and returns once the stager can take the next one (SQLite: the batch
   * is stored; PostgreSQL: the batch before it is applied, this one may still be under way).
   */
  write(rows: readonly StagedRow[]): Promise<void>;
  /** Waits until every batch is stored; throws what failed. */
  finish(): Promise<void>;
  /** Waits for the batch in flight whatever its outcome: call before close. */
  settle(): Promise<void>;
}

/** One import's staging, on the connection (session) that will apply it. */
export interface Staging extends Stager {
  /** Makes the import's rows the supplier's (see applyImport); call after finish. Returns the components created and the supplier's rows now. */
  apply(): Promise<{ created: number; offers: number }>;
  /** Drops the table and lets the connection go, undoing what was not applied; after a failure too. Never throws. */
  close(): Promise<void>;
}

/**
 * Staged rows live in a TEMP table of the import's own connection, never in a shared table:
 * nothing else reads them, a run that dies (thread, process, connection) takes them with its
 * session, and no import leaves dead rows for the next to step over (on PostgreSQL a shared
 * staging table's deleted rows slowed each round of imports).
 */
export function openStaging(db: PricingDb, target: ImportTarget, signal?: AbortSignal): Promise<Staging> {
  if (db.dialect === "sqlite") return openSqliteStaging(db, target);
  return openPostgresStaging(db, target, signal);
}

/** Tells temp tables apart when imports share a connection (SQLite tests, one handle). */
let tables = 0;
export const stagingTableName = (): string => `${STAGING_PREFIX}${++tables}`;
const STAGING_PREFIX = "import_rows_";

/**
 * Staging tables still there: on PostgreSQL every session's temp tables (pg_class lists them
 * all), on SQLite this connection's (another connection's temp tables are out of its sight, and
 * go with it). For tests and checks that an import left nothing behind.
 */
export async function stagingTablesLeft(db: PricingDb): Promise<number> {
  const pattern = `${STAGING_PREFIX}%`;
  const query =
    db.dialect === "sqlite"
      ? sql<{ n: number }>`SELECT COUNT(*) AS n FROM sqlite_temp_master WHERE type = 'table' AND name LIKE ${pattern}`
      : sql<{ n: number }>`SELECT COUNT(*) AS n FROM pg_class WHERE relpersistence = 't' AND relkind = 'r' AND relname LIKE ${pattern}`;
  return Number((await query.execute(db.kysely)).rows[0]!.n);
}

/** The staged columns, in the order both engines' writers send them. */
export const STAGED_COLUMNS = "row_number, part_number, vendor, name, category, quantity, price, search_text";
