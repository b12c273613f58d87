import type { RawBuilder, Transaction } from "kysely";
import { sql } from "../db/kysely.ts";
import type { PricingTables } from "../db/database.ts";

/*
 * The rule both engines keep: new part numbers become components; existing ones get
 * vendor/name/category only where they had none. For a part number listed more than once, the
 * first row (in file order) with a vendor gives the vendor, the first with a name gives the name
 * (and the search text), the first with a category the category.
 */

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
export async function upsertInFileOrder(trx: Transaction<PricingTables>, table: string): Promise<number> {
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
 * PostgreSQL, batch by batch (postgres-staging.ts): imports of other suppliers run beside this one
 * and may stage the same part numbers, so within a batch both statements take their row locks in
 * part-number order (an insert waits on another import's insert of the same new part number).
 * Only rows that change are locked (an upsert's DO UPDATE locks every row it meets, even one its
 * WHERE leaves alone), so imports of overlapping catalogues do not queue on each other's rows.
 *
 * A new part number is inserted from its first staged row (DISTINCT ON, one sort of the batch);
 * gapFillFrom then fills what that row lacked from the later rows, by the first-row rule above,
 * as it does for components that existed before (an earlier batch's first). Collapsing every
 * part number's rows first (three look-ups back into staging per part number) cost more than
 * the insert itself, for a case (a part number repeated, its first row missing a field) that
 * most files never have.
 *
 * A part number another import created since this statement's snapshot is that import's, and
 * gets what it lacks from the gap update. `ON CONFLICT DO NOTHING` covers that case, but makes
 * every row a speculative insertion (a look-up in the unique index before the heap insert, and
 * one more WAL record to confirm it): 0.2 s and 14 MB of WAL more per 100,000 new components.
 * The race is rare (two imports of new, overlapping part numbers, the other committing while
 * this one inserts), so the caller runs the plain insert first under a savepoint: the unique
 * index still waits on the other import's uncommitted row, and fails only once that import has
 * committed it; then this insert is undone and run again with `onConflictDoNothing` (its new
 * snapshot sees the committed part number; the clause covers one committed while it runs).
 *
 * `onlyUnmatched`: only the rows knownOffersFrom found no component for; the others are not
 * looked up again.
 */
export const newComponentsFrom = (staged: RawBuilder<unknown>, onConflictDoNothing: boolean, onlyUnmatched = false) => sql`
  INSERT INTO components (part_number, vendor, name, category, search_text)
  SELECT DISTINCT ON (s.part_number) s.part_number, s.vendor, s.name, s.category, s.search_text
  FROM ${staged} s WHERE ${onlyUnmatched ? sql`s.unmatched AND ` : sql``}NOT EXISTS (SELECT 1 FROM components c WHERE c.part_number = s.part_number)
  ORDER BY s.part_number, s.row_number
  ${onConflictDoNothing ? sql`ON CONFLICT (part_number) DO NOTHING` : sql``}`;

/** Whether staged row `s` has a field its component `c` lacks: what the gap update fills. */
export const fillsGap = sql`(c.vendor IS NULL AND s.vendor IS NOT NULL) OR (c.name IS NULL AND s.name IS NOT NULL)
       OR (c.category IS NULL AND s.category IS NOT NULL)`;

/**
 * Fills what components lack from the staged rows, by the first-row rule. Judged on the
 * statement's snapshot, which sees the rows inserted before it; COALESCE keeps what a later
 * writer filled in first. Needless when no staged row has a field its component lacks, which the
 * batch's look-ups tell (knownOffersFrom): most batches, since a supplier's file
 * carries the fields its earlier files gave the components, and a new part number's component is
 * its first row unless the batch lists it again.
 */
export function gapFillFrom(staged: RawBuilder<unknown>) {
  // Each staged row looks its component up by index, whatever the statistics say: OFFSET 0 keeps
  // the LATERAL subquery from being pulled up into a join the planner may turn around. Planned
  // freely, a catalogue autovacuum had not yet analyzed (right after its first import) was
  // estimated at 83 components with a gap out of 20,000 and scanned whole for every staged row:
  // 40 million comparisons, 3.5 s a batch, an 18 s import of 20,000 rows that takes 0.4 s.
  const gapFillingRows = sql`FROM ${staged} s
    CROSS JOIN LATERAL (SELECT c.vendor, c.name, c.category FROM components c WHERE c.part_number = s.part_number OFFSET 0) c
    WHERE ${fillsGap}`;
  return sql`
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
    WHERE components.id = f.id`;
}

export const UNIQUE_VIOLATION = "23505";

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
