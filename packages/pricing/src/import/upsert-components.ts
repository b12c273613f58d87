import type { RawBuilder, Transaction } from "kysely";
import { sql } from "../db/kysely.ts";
import type { PricingTables, SqlDialect } from "../db/database.ts";
import type { StagedTable } from "./apply-import.ts";

/**
 * New part numbers become components; existing ones get vendor/name/category only where they
 * had none. For a part number listed more than once, the first row (in file order) with a
 * vendor gives the vendor, the first with a name gives the name (and the search text), the
 * first with a category the category. Returns how many components it created.
 */
export function upsertComponents(trx: Transaction<PricingTables>, dialect: SqlDialect, table: StagedTable): Promise<number> {
  return dialect === "sqlite" ? upsertInFileOrder(trx, table.name) : upsertInPartNumberOrder(trx, table);
}

const countComponents = async (trx: Transaction<PricingTables>) =>
  Number(
    (
      await trx
        .selectFrom("components")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * SQLite upserts the rows one by one in file order (row_number is the rowid, so that is the
 * table's own order), and its upsert may touch a row again: each later row only fills what is
 * still empty, which is the rule above. Grouping per part number first, with three look-ups back
 * into the staged rows, took twice as long as the upsert itself. One writer at a time, so the
 * count's growth is what this import created.
 */
async function upsertInFileOrder(trx: Transaction<PricingTables>, table: string): Promise<number> {
  const before = await countComponents(trx);
  // WHERE true: SQLite's parser needs a WHERE before ON CONFLICT in an INSERT … SELECT.
  await sql`
    INSERT INTO components (part_number, vendor, name, category, search_text)
    SELECT part_number, vendor, name, category, search_text FROM ${sql.raw(table)} WHERE true ORDER BY row_number
    ON CONFLICT (part_number) DO UPDATE SET
      vendor = COALESCE(components.vendor, excluded.vendor),
      name = COALESCE(components.name, excluded.name),
      category = COALESCE(components.category, excluded.category),
      search_text = CASE WHEN components.name IS NULL THEN excluded.search_text ELSE components.search_text END
    -- A component that has all three already stays as it is: rewriting every known row (most
    -- of them, from the second import of a supplier on) cost a third of the save in writes.
    WHERE (components.vendor IS NULL AND excluded.vendor IS NOT NULL) OR (components.name IS NULL AND excluded.name IS NOT NULL)
       OR (components.category IS NULL AND excluded.category IS NOT NULL)`.execute(trx);
  return (await countComponents(trx)) - before;
}

/**
 * PostgreSQL: imports of other suppliers run beside this one and may stage the same part
 * numbers, so both steps take their row locks in part-number order (an insert waits on another
 * import's insert of the same new part number): two imports then wait in line, never in a cycle.
 * Only rows that change are locked (an upsert's DO UPDATE locks every row it meets, even one its
 * WHERE leaves alone), so imports of overlapping catalogues do not queue on each other's rows.
 *
 * A new part number is inserted from its first staged row (DISTINCT ON, one sort of staging);
 * the update then fills what that row lacked from the later rows, by the first-row rule above,
 * as it does for components that existed before. Collapsing every part number's rows first
 * (three look-ups back into staging per part number) cost more than the insert itself, for a
 * case (a part number repeated, its first row missing a field) that most files never have.
 */
async function upsertInPartNumberOrder(trx: Transaction<PricingTables>, table: StagedTable): Promise<number> {
  const staged = sql.raw(table.name);
  const createdCount = await insertNewComponents(trx, staged);
  // As many created as rows staged: every row had a part number of its own, new, and inserted
  // from that row, so no gap is left that a staged row could fill (a new catalogue, a first
  // import). The update's join of staging with every component is then skipped.
  if (createdCount === table.rows) return createdCount;
  // Judged on the statement's snapshot, which sees the rows inserted above; COALESCE keeps what
  // a later writer filled in first.
  const gapFillingRows = sql`FROM ${staged} s JOIN components c ON c.part_number = s.part_number
    WHERE (c.vendor IS NULL AND s.vendor IS NOT NULL) OR (c.name IS NULL AND s.name IS NOT NULL)
       OR (c.category IS NULL AND s.category IS NOT NULL)`;
  await sql`
    UPDATE components SET
      vendor = COALESCE(components.vendor, f.vendor),
      name = COALESCE(components.name, f.name),
      category = COALESCE(components.category, f.category),
      search_text = CASE WHEN components.name IS NULL AND f.name IS NOT NULL THEN f.search_text ELSE components.search_text END
    FROM (
      SELECT t.id, v.vendor, n.name, n.search_text, k.category
      FROM (${firstRowsPerPartNumber(gapFillingRows)}) g
      JOIN components t ON t.part_number = g.part_number
      ${joinFirstRows(staged)}
      ORDER BY t.part_number
      FOR UPDATE OF t
    ) f
    WHERE components.id = f.id`.execute(trx);
  return createdCount;
}

/**
 * Inserts each staged part number that no component has, from its first staged row, in
 * part-number order; returns how many it inserted.
 *
 * A part number another import created since this statement's snapshot is that import's, and
 * gets what it lacks from the gap update. `ON CONFLICT DO NOTHING` covers that case, but makes
 * every row a speculative insertion (a look-up in the unique index before the heap insert, and
 * one more WAL record to confirm it): 0.2 s and 14 MB of WAL more per 100,000 new components.
 * The race is rare (two imports of new, overlapping part numbers, the other committing while
 * this one inserts), so the plain insert runs first under a savepoint: the unique index still
 * waits on the other import's uncommitted row, in part-number order as before, and fails only
 * once that import has committed it; then this insert is undone and run again with DO NOTHING.
 */
async function insertNewComponents(trx: Transaction<PricingTables>, staged: RawBuilder<unknown>): Promise<number> {
  const insert = (onConflict: RawBuilder<unknown>) => sql`
    INSERT INTO components (part_number, vendor, name, category, search_text)
    SELECT DISTINCT ON (s.part_number) s.part_number, s.vendor, s.name, s.category, s.search_text
    FROM ${staged} s WHERE NOT EXISTS (SELECT 1 FROM components c WHERE c.part_number = s.part_number)
    ORDER BY s.part_number, s.row_number
    ${onConflict}`;
  await sql`SAVEPOINT new_components`.execute(trx);
  try {
    const created = await insert(sql``).execute(trx);
    await sql`RELEASE SAVEPOINT new_components`.execute(trx);
    return Number(created.numAffectedRows ?? 0n);
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await sql`ROLLBACK TO SAVEPOINT new_components`.execute(trx);
    const created = await insert(sql`ON CONFLICT (part_number) DO NOTHING`).execute(trx);
    return Number(created.numAffectedRows ?? 0n);
  }
}

const UNIQUE_VIOLATION = "23505";

/**
 * Per part number among `rows` (a FROM clause over staged rows `s`): the row numbers of the first
 * rows with a vendor, a name and a category.
 */
const firstRowsPerPartNumber = (rows: RawBuilder<unknown>) => sql`
  SELECT s.part_number,
         MIN(CASE WHEN s.vendor IS NOT NULL THEN s.row_number END) AS vendor_row,
         MIN(CASE WHEN s.name IS NOT NULL THEN s.row_number END) AS name_row,
         MIN(CASE WHEN s.category IS NOT NULL THEN s.row_number END) AS category_row
  ${rows} GROUP BY s.part_number`;

const joinFirstRows = (staged: RawBuilder<unknown>) => sql`
  LEFT JOIN ${staged} v ON v.row_number = g.vendor_row
  LEFT JOIN ${staged} n ON n.row_number = g.name_row
  LEFT JOIN ${staged} k ON k.row_number = g.category_row`;
