import {
  type StockKind,
  type StockMapping,
  StockMappingSchema,
  type Supplier,
  type SupplierList,
  type SupplierListInput,
  type SupplierMappingInput,
} from "@tasklane/contract";
import type { Transaction } from "kysely";
import { type PricingDb, type PricingTables, transaction } from "./db/database.ts";

type SupplierRow = PricingTables["suppliers"];

/**
 * A stored mapping as the contract has it. One written by an older version that no longer
 * parses counts as none: the import then detects, rather than failing on the supplier's config.
 */
function parseMapping(json: string | null): StockMapping | null {
  if (json === null) return null;
  const parsed = StockMappingSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

const toSupplier = (r: SupplierRow): Supplier => ({
  name: r.name,
  kind: r.kind,
  offers: Number(r.offers),
  lastImportedAt: r.last_imported_at === null ? null : new Date(Number(r.last_imported_at)),
  mapping: parseMapping(r.mapping),
  mappingSavedAt: r.mapping_saved_at === null ? null : new Date(Number(r.mapping_saved_at)),
});

export async function listSuppliers(db: PricingDb, input: SupplierListInput = {}): Promise<SupplierList> {
  let query = db.kysely.selectFrom("suppliers").selectAll().orderBy("name").orderBy("kind");
  if (input.kind !== undefined) query = query.where("kind", "=", input.kind);
  return { items: (await query.execute()).map(toSupplier) };
}

/** The mapping a supplier's imports use when none is given, or null. */
export async function savedMapping(db: PricingDb, name: string, kind: StockKind): Promise<StockMapping | null> {
  const row = await db.kysely
    .selectFrom("suppliers")
    .select("mapping")
    .where("name", "=", name.trim())
    .where("kind", "=", kind)
    .executeTakeFirst();
  return parseMapping(row?.mapping ?? null);
}

/**
 * The supplier's rows of this kind now, from its row (which each import's transaction keeps, and
 * nothing else writes offers): a count of the offers themselves read every one of them, 20-80 ms
 * per 100,000 on PostgreSQL.
 */
export async function supplierOffers(db: PricingDb, name: string, kind: StockKind): Promise<number> {
  const row = await db.kysely.selectFrom("suppliers").select("offers").where("name", "=", name).where("kind", "=", kind).executeTakeFirst();
  return Number(row?.offers ?? 0);
}

/** Saves (or with null forgets) a supplier's mapping; a supplier not yet imported is listed from now on. */
export function setSupplierMapping(db: PricingDb, input: SupplierMappingInput, now = Date.now()): Promise<Supplier> {
  return transaction(db, (trx) => saveMapping(trx, input.name.trim(), input.kind, input.mapping, now));
}

export async function saveMapping(
  trx: Transaction<PricingTables>,
  name: string,
  kind: StockKind,
  mapping: StockMapping | null,
  now: number,
): Promise<Supplier> {
  const values = { mapping: mapping === null ? null : JSON.stringify(mapping), mapping_saved_at: mapping === null ? null : now };
  const row = await trx
    .insertInto("suppliers")
    .values({ name, kind, offers: 0, last_imported_at: null, ...values })
    .onConflict((oc) => oc.columns(["name", "kind"]).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSupplier(row);
}

/** Inside an import's final transaction: the supplier's rows now, and when. */
export async function recordSupplierImport(
  trx: Transaction<PricingTables>,
  name: string,
  kind: StockKind,
  offers: number,
  importedAt: number,
): Promise<void> {
  const values = { offers, last_imported_at: importedAt };
  await trx
    .insertInto("suppliers")
    .values({ name, kind, mapping: null, mapping_saved_at: null, ...values })
    .onConflict((oc) => oc.columns(["name", "kind"]).doUpdateSet(values))
    .execute();
}
