import { type PricingDb, transaction } from "../db/database.ts";
import { searchText } from "../db/search-text.ts";
import { applyImport, type ImportTarget } from "./apply-import.ts";
import type { StagedRow } from "./rows.ts";
import { STAGED_COLUMNS, type Staging, stagingTableName } from "./stager.ts";

const ROW_PARAMS = "(?, ?, ?, ?, ?, ?, ?, ?)";
/** Rows per INSERT: a statement run per row cost half again as much (binding calls, not SQLite). */
const ROWS_PER_STATEMENT = 50;

/**
 * SQLite: a TEMP table of the import's connection (row_number is its rowid, so rows in file
 * order are appends), filled 50 rows per prepared statement inside a transaction per batch.
 * Writing a temp table takes no lock on the pricing file, so staging never makes other
 * writers wait; only the apply does. Each step holds Kysely's connection,
 * so no other transaction of this handle is open around the raw statements.
 */
export async function openSqliteStaging(db: PricingDb, target: ImportTarget): Promise<Staging> {
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
  const insertOne = sqlite.prepare(`INSERT INTO ${table} (${STAGED_COLUMNS}) VALUES ${ROW_PARAMS}`);
  const insertMany = sqlite.prepare(
    `INSERT INTO ${table} (${STAGED_COLUMNS}) VALUES ${Array(ROWS_PER_STATEMENT).fill(ROW_PARAMS).join(", ")}`,
  );
  const values: unknown[] = new Array<unknown>(ROWS_PER_STATEMENT * 8);
  const put = (r: StagedRow, at: number, into: unknown[]) => {
    into[at] = r.rowNumber;
    into[at + 1] = r.partNumber;
    into[at + 2] = r.vendor;
    into[at + 3] = r.name;
    into[at + 4] = r.category;
    into[at + 5] = r.quantity;
    into[at + 6] = r.price;
    into[at + 7] = searchText(r.partNumber, r.name);
  };
  const one: unknown[] = new Array<unknown>(8);
  const insertAll = sqlite.transaction((rows: readonly StagedRow[]) => {
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      for (let j = 0; j < ROWS_PER_STATEMENT; j++) put(rows[i + j]!, j * 8, values);
      insertMany.run(values);
    }
    for (; i < rows.length; i++) {
      put(rows[i]!, 0, one);
      insertOne.run(one);
    }
  });
  let failed: { error: unknown } | undefined;
  return {
    async write(rows) {
      try {
        await onConnection(() => insertAll(rows));
      } catch (error) {
        failed ??= { error };
        throw error;
      }
    },
    finish: async () => {
      if (failed) throw failed.error;
    },
    settle: async () => {},
    apply: () => transaction(db, (trx) => applyImport(trx, table, target)),
    async close() {
      if (!sqlite.open) return;
      await onConnection(() => sqlite.prepare(`DROP TABLE IF EXISTS ${table}`).run()).catch(() => {});
    },
  };
}
