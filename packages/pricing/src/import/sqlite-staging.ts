import { type PricingDb, writeTransaction } from "../db/database.ts";
import { searchText } from "../db/search-text.ts";
import { applyImport } from "./apply-import.ts";
import type { StagedRow } from "./rows.ts";
import { STAGED_COLUMNS, type Staging, stagingTableName } from "./stager.ts";

/**
 * SQLite: a TEMP table of the import's connection (row_number is its rowid, so rows in file
 * order are appends), filled with one prepared statement run per row inside a transaction per
 * batch. Writing a temp table takes no lock on the pricing file, so staging never makes other
 * writers wait; only the apply does. Each step holds Kysely's connection,
 * so no other transaction of this handle is open around the raw statements.
 */
export async function openSqliteStaging(db: PricingDb): Promise<Staging> {
  const sqlite = db.sqlite;
  if (sqlite === undefined) throw new Error("openSqliteStaging needs a PricingDb from sqlitePricingDb");
  const table = `temp.${stagingTableName()}`;
  const onConnection = <T>(body: () => T): Promise<T> => db.kysely.connection().execute(async () => body());
  await onConnection(() =>
    sqlite
      .prepare(
        `CREATE TABLE ${table} (row_number INTEGER PRIMARY KEY, part_number TEXT NOT NULL, vendor TEXT, name TEXT,
          category TEXT, quantity REAL, price REAL NOT NULL, search_text TEXT NOT NULL)`,
      )
      .run(),
  );
  const insert = sqlite.prepare(`INSERT INTO ${table} (${STAGED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAll = sqlite.transaction((rows: readonly StagedRow[]) => {
    for (const r of rows) insert.run(r.rowNumber, r.partNumber, r.vendor, r.name, r.category, r.quantity, r.price, searchText(r.partNumber, r.name));
  });
  let failed: unknown;
  return {
    async write(rows) {
      try {
        await onConnection(() => insertAll(rows));
      } catch (error) {
        failed ??= error;
        throw error;
      }
    },
    finish: async () => {
      if (failed !== undefined) throw failed;
    },
    settle: async () => {},
    apply: (a) => writeTransaction(db, (trx) => applyImport(trx, "sqlite", table, a)),
    async close() {
      if (!sqlite.open) return;
      await onConnection(() => sqlite.prepare(`DROP TABLE IF EXISTS ${table}`).run()).catch(() => {});
    },
  };
}
