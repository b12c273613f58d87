import {
  type Pricelist,
  type PricelistGetInput,
  PricelistGetInputSchema,
  type PricelistListInput,
  PricelistListInputSchema,
  type PricelistPage,
  type PricelistRow,
  type PricelistSource,
  PricelistListSchema,
} from "@tasklane/contract";
import { decodeCursor, encodeCursor, isIntegerCursor } from "../cursor.ts";
import type { Database } from "../db/open.ts";

interface PricelistRecord {
  id: string;
  source: PricelistSource;
  created_at: number;
  task_id: string | null;
  row_count: number;
}

export interface PricelistRowRecord {
  position: number;
  part_number: string;
  vendor: string | null;
  name: string | null;
  price: number;
  quantity: number | null;
}

const PRICELIST_COLUMNS = "id, source, created_at, task_id, row_count";

const toPricelist = (r: PricelistRecord): Pricelist => ({
  id: r.id,
  source: r.source,
  createdAt: new Date(r.created_at),
  taskId: r.task_id,
  rowCount: r.row_count,
});

const toRow = (r: PricelistRowRecord): PricelistRow => ({
  partNumber: r.part_number,
  vendor: r.vendor,
  name: r.name,
  price: r.price,
  quantity: r.quantity,
});

/** The contract names the schema, not the type; derive it instead of restating it. */
type PricelistList = ReturnType<typeof PricelistListSchema.parse>;

const isNewestCursor = (v: unknown[]): v is [number, string] =>
  v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === "string";

/** Pricelists newest first, optionally of one source. */
export function listPricelists(db: Database, input: PricelistListInput): PricelistList {
  const { source, limit, cursor } = PricelistListInputSchema.parse(input);
  const [afterAt, afterId] = cursor === undefined ? [null, null] : decodeCursor<[number, string]>(cursor, isNewestCursor);
  const rows = db
    .prepare<object, PricelistRecord>(
      `SELECT ${PRICELIST_COLUMNS} FROM pricelists
       WHERE (:source IS NULL OR source = :source)
         AND (:afterAt IS NULL OR (created_at, id) < (:afterAt, :afterId))
       ORDER BY created_at DESC, id DESC LIMIT :take`,
    )
    .all({ source: source ?? null, afterAt, afterId, take: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toPricelist),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}

export function findPricelist(db: Database, id: string): Pricelist | undefined {
  const row = db.prepare<[string], PricelistRecord>(`SELECT ${PRICELIST_COLUMNS} FROM pricelists WHERE id = ?`).get(id);
  return row === undefined ? undefined : toPricelist(row);
}

/** Rows of a pricelist after `position`, in part-number order. */
export function pricelistRowsAfter(db: Database, id: string, position: number, take: number): PricelistRowRecord[] {
  return db
    .prepare<[string, number, number], PricelistRowRecord>(
      `SELECT position, part_number, vendor, name, price, quantity FROM pricelist_rows
       WHERE pricelist_id = ? AND position > ? ORDER BY position LIMIT ?`,
    )
    .all(id, position, take);
}

/** A pricelist and one page of its rows by part number; undefined when there is no such pricelist. */
export function getPricelistPage(db: Database, input: PricelistGetInput): PricelistPage | undefined {
  const { id, limit, cursor } = PricelistGetInputSchema.parse(input);
  const pricelist = findPricelist(db, id);
  if (pricelist === undefined) return undefined;
  const after = cursor === undefined ? 0 : decodeCursor<[number]>(cursor, isIntegerCursor)[0];
  const rows = pricelistRowsAfter(db, id, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    pricelist,
    rows: page.map(toRow),
    nextCursor: rows.length > limit && last ? encodeCursor([last.position]) : null,
  };
}
