import type { StockKind } from "@tasklane/contract";
import { ensureSqlFunctions } from "../db/functions.ts";
import type { Database } from "../db/open.ts";
import type { StagedRow } from "./rows.ts";

const STAGING_COLUMNS = "(import_id, row_number, part_number, vendor, name, quantity, price)";
/** Rows per INSERT: one statement per 100 rows costs far less than 100 statements. */
const ROWS_PER_INSERT = 100;

/** Returns a function that writes one batch of rows to the staging table in its own short transaction. */
export function createStager(db: Database, importId: string): (rows: readonly StagedRow[]) => void {
  const values = (n: number) => Array.from({ length: n }, () => "(?, ?, ?, ?, ?, ?, ?)").join(", ");
  const many = db.prepare(`INSERT INTO import_staging ${STAGING_COLUMNS} VALUES ${values(ROWS_PER_INSERT)}`);
  const one = db.prepare(`INSERT INTO import_staging ${STAGING_COLUMNS} VALUES ${values(1)}`);
  // One parameter array, refilled for every statement: a hot loop that allocates nothing.
  const manyParams: unknown[] = new Array(ROWS_PER_INSERT * 7);
  const fill = (params: unknown[], rows: readonly StagedRow[], from: number, count: number) => {
    for (let k = 0, p = 0; k < count; k++) {
      const r = rows[from + k]!;
      params[p++] = importId;
      params[p++] = r.rowNumber;
      params[p++] = r.partNumber;
      params[p++] = r.vendor;
      params[p++] = r.name;
      params[p++] = r.quantity;
      params[p++] = r.price;
    }
    return params;
  };
  return db.transaction((rows: readonly StagedRow[]) => {
    let i = 0;
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) many.run(fill(manyParams, rows, i, ROWS_PER_INSERT));
    for (; i < rows.length; i++) one.run(fill(new Array(7), rows, i, 1));
  });
}

export function deleteStaging(db: Database, importId: string): void {
  db.prepare("DELETE FROM import_staging WHERE import_id = ?").run(importId);
}

/** Removes rows left by imports of a process that died; call at start, before any import runs. */
export function clearStaging(db: Database): void {
  db.prepare("DELETE FROM import_staging").run();
}

export interface ApplyImport {
  importId: string;
  supplier: string;
  kind: StockKind;
  importedAt: number;
}

/**
 * Replaces the supplier's rows of this kind with the staged ones in ONE synchronous
 * transaction, so readers see the old rows or the new ones, never a mix. Returns how
 * many components it created.
 */
export function applyImport(db: Database, a: ApplyImport): number {
  ensureSqlFunctions(db);
  return db.transaction(() => {
    // Components are never deleted, so the count's growth is what this import created
    // (cheaper than looking up every staged part number a second time).
    const countComponents = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM components");
    const before = countComponents.get()!.n;
    db.prepare("DELETE FROM offers WHERE supplier = ? AND kind = ?").run(a.supplier, a.kind);
    upsertComponents(db, a.importId);
    const created = countComponents.get()!.n - before;
    db.prepare(
      `INSERT INTO offers (supplier, kind, component_id, quantity, price, imported_at)
       SELECT ?, ?, c.id, s.quantity, s.price, ?
       FROM import_staging s JOIN components c ON c.part_number = s.part_number
       WHERE s.import_id = ?`,
    ).run(a.supplier, a.kind, a.importedAt, a.importId);
    deleteStaging(db, a.importId);
    return created;
  })();
}

/**
 * New part numbers become components; existing ones get vendor/name only where they had
 * none. Rows go in file order, so for a part number listed twice the first row with a
 * vendor (or name) gives it.
 */
function upsertComponents(db: Database, importId: string): void {
  db.prepare(
    `INSERT INTO components (part_number, vendor, name, search_text)
     SELECT part_number, vendor, name, pricing_search_text(part_number, name)
     FROM import_staging WHERE import_id = ? ORDER BY row_number
     ON CONFLICT (part_number) DO UPDATE SET
       vendor = coalesce(components.vendor, excluded.vendor),
       name = coalesce(components.name, excluded.name),
       search_text = pricing_search_text(components.part_number, coalesce(components.name, excluded.name))`,
  ).run(importId);
}
