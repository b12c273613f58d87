import BetterSqlite3 from "better-sqlite3";

/** The one better-sqlite3 connection the server shares between its task store and pricing. */
export type Database = BetterSqlite3.Database;

/**
 * Opens the SQLite file shared by the task store and pricing. WAL lets readers (polls,
 * list pages) run beside the single writer; synchronous=NORMAL is durable in WAL mode
 * except for the last commits on power loss, which is the usual trade for bulk imports.
 */
export function openDatabase(file: string): Database {
  const db = new BetterSqlite3(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // 8 MiB of page cache: enough for the offers indexes during an import, small enough that
  // memory stays flat whatever the file size (temp_store stays on disk for the same reason).
  db.pragma("cache_size = -8192");
  return db;
}
