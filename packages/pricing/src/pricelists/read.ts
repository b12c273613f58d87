import {
  type Pricelist,
  type PricelistGetInput,
  PricelistGetInputSchema,
  type PricelistListInput,
  PricelistListInputSchema,
  type PricelistPage,
  type PricelistRow,
  type PricelistListSchema,
} from "@tasklane/contract";
import { decodeCursor, isIntegerCursor, pageOf } from "../cursor.ts";
import type { Selectable } from "kysely";
import { sql } from "../db/kysely.ts";
import type { PricingDb, PricingTables } from "../db/database.ts";

type PricelistRecord = Selectable<PricingTables["pricelists"]>;
export type PricelistRowRecord = Omit<Selectable<PricingTables["pricelist_rows"]>, "pricelist_id">;

const PRICELIST_COLUMNS = ["id", "source", "created_at", "task_id", "row_count"] as const;

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

const isNewestCursor = (v: unknown[]): v is [number, string] => v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === "string";

/** Pricelists newest first, optionally of one source. */
export async function listPricelists(db: PricingDb, input: PricelistListInput): Promise<PricelistList> {
  const { source, limit, cursor } = PricelistListInputSchema.parse(input);
  const after = decodeCursor<[number, string]>(cursor, isNewestCursor);
  let query = db.kysely.selectFrom("pricelists").select(PRICELIST_COLUMNS);
  if (source) query = query.where("source", "=", source);
  if (after) query = query.where(sql<boolean>`(created_at, id) < (${after[0]}, ${after[1]})`);
  const rows: PricelistRecord[] = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit, toPricelist, (last) => [last.created_at, last.id]);
}

export async function findPricelist(db: PricingDb, id: string): Promise<Pricelist | undefined> {
  const row = await db.kysely.selectFrom("pricelists").select(PRICELIST_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toPricelist(row);
}

/** Rows of a pricelist after `position`, in part-number order. */
export function pricelistRowsAfter(db: PricingDb, id: string, position: number, take: number): Promise<PricelistRowRecord[]> {
  return db.kysely
    .selectFrom("pricelist_rows")
    .select(["position", "part_number", "vendor", "name", "price", "quantity"])
    .where("pricelist_id", "=", id)
    .where("position", ">", position)
    .orderBy("position")
    .limit(take)
    .execute();
}

/** A pricelist and one page of its rows by part number; undefined when there is no such pricelist. */
export async function getPricelistPage(db: PricingDb, input: PricelistGetInput): Promise<PricelistPage | undefined> {
  const { id, limit, cursor } = PricelistGetInputSchema.parse(input);
  const pricelist = await findPricelist(db, id);
  if (pricelist === undefined) return undefined;
  const after = decodeCursor<[number]>(cursor, isIntegerCursor)?.[0] ?? 0;
  const { items, nextCursor } = pageOf(await pricelistRowsAfter(db, id, after, limit + 1), limit, toRow, (last) => [last.position]);
  return { pricelist, rows: items, nextCursor };
}
