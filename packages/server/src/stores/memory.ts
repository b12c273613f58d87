import { openDatabase, sqlitePricingDb } from "@tasklane/pricing";
import { SERVER_MIGRATIONS } from "./schema.ts";
import { SqlTaskStore } from "./sql-task-store.ts";

/**
 * Keeps tasks in this process only: for tests and for a service that may forget on restart. It
 * is the SQL store over an in-memory SQLite database, so it behaves as the stored ones do by
 * construction, not by a second implementation kept in step.
 */
export class MemoryTaskStore extends SqlTaskStore {
  constructor() {
    const sqlite = openDatabase(":memory:");
    // A new database has no migration applied: each one's SQLite side, in order, builds the table.
    for (const migration of SERVER_MIGRATIONS) if (migration.sqlite) sqlite.exec(migration.sqlite);
    super(sqlitePricingDb(sqlite));
  }
}
