import { text, TextError } from "@tasklane/contract";
import { setTimeout as sleep } from "node:timers/promises";
import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery as CompiledQueryType, DatabaseConnection, Driver, QueryResult, SqliteDialectConfig } from "kysely";
import { CompiledQuery, SqliteDialect, SqliteDriver } from "./kysely.ts";

/** How long a writer waits for another connection's write transaction before it gives up. */
const MAX_LOCK_WAIT_MS = 10 * 60_000;
const RETRY_MS = 25;

const isBusy = (error: unknown) =>
  error instanceof Error && ((error as { code?: string }).code === "SQLITE_BUSY" || (error as { code?: string }).code === "SQLITE_LOCKED");

export class DatabaseLockedError extends TextError {
  override readonly name = "DatabaseLockedError";
  constructor() {
    super(text("task.databaseLocked", { minutes: MAX_LOCK_WAIT_MS / 60_000 }));
  }
}

/**
 * Several connections write the pricing file (one per task thread), and SQLite has one writer
 * at a time. better-sqlite3 waits for the lock synchronously (busy_timeout), which leaves its
 * thread deaf to a cancel for as long; so each connection waits only briefly there, and the
 * rest of the wait happens here between event-loop turns, where a cancel or a terminate gets in.
 * Only statements outside a transaction wait: inside one, this connection already holds the lock.
 */
class WaitingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly sqlite: BetterSqlite3.Database,
  ) {}

  async executeQuery<R>(query: CompiledQueryType): Promise<QueryResult<R>> {
    for (const started = Date.now(); ;) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        if (!isBusy(error) || this.sqlite.inTransaction) throw error;
        if (Date.now() - started > MAX_LOCK_WAIT_MS) throw new DatabaseLockedError();
        await sleep(RETRY_MS);
      }
    }
  }

  streamQuery<R>(query: CompiledQueryType, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Write transactions begin IMMEDIATE: a deferred one that reads first and writes later fails
 * at once with SQLITE_BUSY when another connection wrote in between (no busy wait can help it,
 * https://www.sqlite.org/lang_transaction.html), while IMMEDIATE takes the write lock up front.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: BetterSqlite3.Database,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new WaitingConnection(await super.acquireConnection(), this.sqlite);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** Kysely's SQLite dialect, for a file that several connections write: see the classes above. */
export class SharedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly sqlite: BetterSqlite3.Database,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.config, this.sqlite);
  }
}
