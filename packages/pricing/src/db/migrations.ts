import type { Database } from "./open.ts";

export interface Migration {
  /** "pricing/NNN-what": the server's task store shares the table with "tasks/" ids. */
  id: string;
  sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    id: "pricing/001-initial",
    sql: `
      CREATE TABLE components (
        id INTEGER PRIMARY KEY,
        part_number TEXT NOT NULL UNIQUE,
        vendor TEXT,
        name TEXT,
        category TEXT,
        price REAL,
        price_updated_at INTEGER,
        -- lower-cased in JS: SQLite's lower() and LIKE fold ASCII only, not Cyrillic
        search_text TEXT NOT NULL
      );

      -- stock offers (kind 'stock') and competitor prices (kind 'competitor')
      CREATE TABLE offers (
        id INTEGER PRIMARY KEY,
        supplier TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('stock', 'competitor')),
        component_id INTEGER NOT NULL REFERENCES components(id),
        quantity REAL,
        price REAL NOT NULL,
        imported_at INTEGER NOT NULL
      );
      CREATE INDEX offers_by_source ON offers(supplier, kind);
      CREATE INDEX offers_by_component ON offers(component_id, kind);

      CREATE TABLE pricelists (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('estimate', 'warehouse', 'competitor')),
        created_at INTEGER NOT NULL,
        task_id TEXT,
        row_count INTEGER NOT NULL
      );
      CREATE INDEX pricelists_newest ON pricelists(created_at DESC, id DESC);

      -- a snapshot: later imports and recalculations do not change a pricelist
      CREATE TABLE pricelist_rows (
        pricelist_id TEXT NOT NULL REFERENCES pricelists(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        part_number TEXT NOT NULL,
        vendor TEXT,
        name TEXT,
        price REAL NOT NULL,
        quantity REAL,
        PRIMARY KEY (pricelist_id, position)
      ) WITHOUT ROWID;

      -- rows of imports under way; applied and deleted in one transaction at the end.
      -- Keyed by (import, row): rows arrive in row order, so each is a b-tree append.
      CREATE TABLE import_staging (
        import_id TEXT NOT NULL,
        row_number INTEGER NOT NULL,
        part_number TEXT NOT NULL,
        vendor TEXT,
        name TEXT,
        quantity REAL,
        price REAL NOT NULL,
        PRIMARY KEY (import_id, row_number)
      ) WITHOUT ROWID;
    `,
  },
];

/** Creates or updates the pricing tables. */
export function migratePricing(db: Database): void {
  applyMigrations(db, MIGRATIONS);
}

/**
 * Runs each migration not yet recorded in the shared `migrations` table, in order, each in
 * its own transaction. The server's task tables use it too, so one file has one history.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied = new Set(db.prepare<[], { id: string }>("SELECT id FROM migrations").all().map((r) => r.id));
  const record = db.prepare<[string, string]>("INSERT INTO migrations (id, applied_at) VALUES (?, ?)");
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, new Date().toISOString());
    })();
  }
}
