import { createHash } from "node:crypto";
import type { StockKind } from "@tasklane/contract";
import type { Kysely, Transaction } from "kysely";
import { sql } from "./kysely.ts";
import { type PricingDb, type PricingTables, transaction } from "./database.ts";

/**
 * What may run beside what, on PostgreSQL (SQLite has one writer at a time, and each of these is
 * one short BEGIN IMMEDIATE transaction there):
 * - imports of different suppliers (or kinds) run at once, each in one transaction from its
 *   first batch to its commit; two of one supplier and kind never;
 * - a recalculation or a pricelist reads one snapshot and runs beside any import;
 * - two recalculations never run at once (each writes the prices the other read);
 * - pricelists run beside everything: they only add rows of their own.
 * Within a batch, writers that meet on a component row lock it in part-number order (see
 * upsert-components.ts). Across batches two imports of new, shared part numbers can wait on each
 * other in a cycle, as can a recalculation, whose updates are not ordered, and a snapshot cannot
 * write a row changed after it was taken: PostgreSQL then fails one transaction with a deadlock or
 * serialization error, and it runs again (an import from its file's first row, see importStock).
 */

type Body<T> = (trx: Transaction<PricingTables>) => Promise<T>;

/** The first key of an import's pg_advisory_xact_lock(int, int): the second is importLockKey's. */
export const IMPORT_LOCK_SPACE = 7_242_002;
/** Any number: the session lock of the recalculation under way (its own key space: one bigint). */
const RECALCULATION_LOCK = 7_242_003;

/**
 * A stable 32-bit key for a supplier and kind (the same in every process and version, unlike
 * PostgreSQL's hashtext). Two pairs that collide only take turns, as one supplier's imports do.
 */
export function importLockKey(supplier: string, kind: StockKind): number {
  return createHash("sha256").update(`${kind}\0${supplier}`).digest().readInt32BE(0);
}

/** Makes `trx` the only one among the imports of this supplier and kind until it ends (PostgreSQL). */
export async function takeImportLock(trx: Transaction<PricingTables>, supplier: string, kind: StockKind): Promise<void> {
  const key = importLockKey(supplier, kind);
  await sql`SELECT pg_advisory_xact_lock(CAST(${IMPORT_LOCK_SPACE} AS integer), CAST(${key} AS integer))`.execute(trx);
}

/** A pricelist: reads one snapshot (REPEATABLE READ) and writes only rows of its own. */
export function snapshotTransaction<T>(db: PricingDb, body: Body<T>): Promise<T> {
  if (db.dialect === "sqlite") return transaction(db, body);
  return retried(() => repeatableRead(db.kysely, body));
}

/**
 * A recalculation: one snapshot, one at a time. The lock is a session lock taken before the
 * transaction begins, because a transaction's first statement fixes its snapshot: one that
 * waited for the lock inside would read what the recalculation before it had not yet written.
 */
export function recalculationTransaction<T>(db: PricingDb, body: Body<T>): Promise<T> {
  if (db.dialect === "sqlite") return transaction(db, body);
  return db.kysely.connection().execute(async (session) => {
    await sql`SELECT pg_advisory_lock(${RECALCULATION_LOCK})`.execute(session);
    let failed = true;
    try {
      const result = await retried(() => repeatableRead(session, body));
      failed = false;
      return result;
    } finally {
      // A session that cannot answer is gone, and its lock with it; its error is not the news.
      await sql`SELECT pg_advisory_unlock(${RECALCULATION_LOCK})`.execute(session).catch((error: unknown) => {
        if (!failed) throw error;
      });
    }
  });
}

/**
 * Recalculation and pricelists aggregate every offer of a kind per component: a hash aggregate,
 * which with the server's default work_mem (4 MB) spilled to disk from about 100,000 components.
 * With 32 MB (64 MB for a hash, at the default hash_mem_multiplier) the recalculation's aggregate
 * over 620,000 offers took 0.22-0.34 s against 0.37-0.55. SET does not take the snapshot: that is
 * still the body's first query.
 */
const repeatableRead = <T>(kysely: Kysely<PricingTables>, body: Body<T>): Promise<T> =>
  kysely
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      await sql`SET LOCAL work_mem = '32MB'`.execute(trx);
      return body(trx);
    });

/** serialization_failure, deadlock_detected: the transaction was rolled back and may simply run again. */
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 5;

export async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
    }
  }
}
