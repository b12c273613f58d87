import type { StockKind } from "@tasklane/contract";
import { type CompiledQuery, type Transaction, sql } from "kysely";
import { type PricingDb, type PricingTables, transaction, writeTransaction } from "../db/database.ts";
import { searchText } from "../db/search-text.ts";
import type { StagedRow } from "./rows.ts";

/** Rows per INSERT: one statement per 250 rows costs far less than 250 statements (8 × 250 parameters fits both engines' limits). */
const ROWS_PER_INSERT = 250;
const COLUMNS = 8;

const toStaged = (importId: string, r: StagedRow) => ({
  import_id: importId,
  row_number: r.rowNumber,
  part_number: r.partNumber,
  vendor: r.vendor,
  name: r.name,
  quantity: r.quantity,
  price: r.price,
  search_text: searchText(r.partNumber, r.name),
});

/**
 * Returns a function that writes one batch of rows to the staging table. The multi-row INSERT
 * is compiled once (per engine, by Kysely) and run with fresh parameters, so the hot loop
 * builds no query.
 */
export function createStager(db: PricingDb, importId: string): (rows: readonly StagedRow[]) => Promise<void> {
  const compile = (n: number): CompiledQuery =>
    db.kysely
      .insertInto("import_staging")
      .values(Array.from({ length: n }, () => toStaged(importId, { rowNumber: 0, partNumber: "", vendor: null, name: null, quantity: null, price: 0 })))
      .compile();
  const full = compile(ROWS_PER_INSERT);
  const params = (rows: readonly StagedRow[]) => {
    const out: unknown[] = new Array(rows.length * COLUMNS);
    let p = 0;
    for (const r of rows) {
      out[p++] = importId;
      out[p++] = r.rowNumber;
      out[p++] = r.partNumber;
      out[p++] = r.vendor;
      out[p++] = r.name;
      out[p++] = r.quantity;
      out[p++] = r.price;
      out[p++] = searchText(r.partNumber, r.name);
    }
    return out;
  };
  // One short transaction per batch: one commit instead of one per statement.
  return (rows) =>
    transaction(db, async (trx) => {
      let i = 0;
      for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
        await trx.executeQuery({ ...full, parameters: params(rows.slice(i, i + ROWS_PER_INSERT)) });
      }
      const rest = rows.slice(i);
      if (rest.length > 0) await trx.executeQuery({ ...compile(rest.length), parameters: params(rest) });
    });
}

export async function deleteStaging(db: PricingDb, importId: string): Promise<void> {
  await db.kysely.deleteFrom("import_staging").where("import_id", "=", importId).execute();
}

/** Removes rows left by imports of a process that died; call at start, before any import runs. */
export async function clearStaging(db: PricingDb): Promise<void> {
  await db.kysely.deleteFrom("import_staging").execute();
}

export interface ApplyImport {
  importId: string;
  supplier: string;
  kind: StockKind;
  importedAt: number;
}

/**
 * Replaces the supplier's rows of this kind with the staged ones in ONE transaction, so
 * readers see the old rows or the new ones, never a mix. Returns how many components it created.
 */
export function applyImport(db: PricingDb, a: ApplyImport): Promise<number> {
  return writeTransaction(db, async (trx) => {
    // Components are never deleted, so the count's growth is what this import created
    // (cheaper than looking up every staged part number a second time).
    const countComponents = async () =>
      Number((await trx.selectFrom("components").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await countComponents();
    await trx.deleteFrom("offers").where("supplier", "=", a.supplier).where("kind", "=", a.kind).execute();
    await upsertComponents(trx, a.importId);
    const created = (await countComponents()) - before;
    await sql`
      INSERT INTO offers (supplier, kind, component_id, quantity, price, imported_at)
      SELECT CAST(${a.supplier} AS TEXT), CAST(${a.kind} AS TEXT), c.id, s.quantity, s.price, CAST(${a.importedAt} AS BIGINT)
      FROM import_staging s JOIN components c ON c.part_number = s.part_number
      WHERE s.import_id = ${a.importId}`.execute(trx);
    await trx.deleteFrom("import_staging").where("import_id", "=", a.importId).execute();
    return created;
  });
}

/**
 * New part numbers become components; existing ones get vendor/name only where they had none.
 * For a part number listed more than once, the first row (in file order) with a vendor gives
 * the vendor, and the first with a name gives the name. Rows are collapsed per part number
 * first (on the narrow columns, then the chosen rows looked up by key), because PostgreSQL's
 * upsert may not touch one row twice; they go in part-number order, so writers lock alike.
 */
async function upsertComponents(trx: Transaction<PricingTables>, importId: string): Promise<void> {
  await sql`
    INSERT INTO components (part_number, vendor, name, search_text)
    SELECT g.part_number, v.vendor, n.name, COALESCE(n.search_text, f.search_text)
    FROM (
      SELECT part_number, MIN(row_number) AS first_row,
             MIN(CASE WHEN vendor IS NOT NULL THEN row_number END) AS vendor_row,
             MIN(CASE WHEN name IS NOT NULL THEN row_number END) AS name_row
      FROM import_staging WHERE import_id = ${importId} GROUP BY part_number
    ) g
    JOIN import_staging f ON f.import_id = ${importId} AND f.row_number = g.first_row
    LEFT JOIN import_staging v ON v.import_id = ${importId} AND v.row_number = g.vendor_row
    LEFT JOIN import_staging n ON n.import_id = ${importId} AND n.row_number = g.name_row
    WHERE true
    ORDER BY g.part_number
    ON CONFLICT (part_number) DO UPDATE SET
      vendor = COALESCE(components.vendor, excluded.vendor),
      name = COALESCE(components.name, excluded.name),
      search_text = CASE WHEN components.name IS NULL THEN excluded.search_text ELSE components.search_text END`.execute(trx);
}
