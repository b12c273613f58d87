import BetterSqlite3 from "better-sqlite3";

/** A better-sqlite3 connection: the server's tasks file, or the pricing file (one per thread). */
export type Database = BetterSqlite3.Database;

export interface OpenOptions {
  /**
   * How long a statement waits synchronously for another connection's write lock. Task threads
   * keep it short and wait the rest between turns (sqlite-dialect.ts), so a cancel reaches them.
   */
  busyTimeoutMs?: number;
}

/**
 * Opens a SQLite file. WAL lets readers (polls, list pages) run beside the single writer;
 * synchronous=NORMAL is durable in WAL mode except for the last commits on power loss, which
 * is the usual trade for bulk imports.
 */
export function openDatabase(file: string, { busyTimeoutMs = 5000 }: OpenOptions = {}): Database {
  const db = new BetterSqlite3(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
  // 8 MiB of page cache: enough for the offers indexes during an import, small enough that
  // memory stays flat whatever the file size (temp_store stays on disk for the same reason).
  db.pragma("cache_size = -8192");
  return db;
}
