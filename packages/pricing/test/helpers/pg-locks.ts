import { sql } from "kysely";
import type pg from "pg";
import { IMPORT_LOCK_SPACE, importLockKey } from "../../src/db/write-transactions.ts";
import type { PricingDb } from "../../src/index.ts";
import { afterThisTest, rows } from "./env.ts";

/**
 * A transaction on a PostgreSQL connection of its own, open until commit or rollback (or the
 * test's end): the locks it takes are what the writers under test wait on.
 */
export interface HeldTransaction {
  pid: number;
  run(text: string): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export async function heldTransaction(db: PricingDb): Promise<HeldTransaction> {
  const client: pg.PoolClient = await db.pool!.connect();
  let open = true;
  const end = async (command: string) => {
    if (!open) return;
    open = false;
    try {
      await client.query(command);
    } finally {
      client.release();
    }
  };
  afterThisTest(() => end("ROLLBACK"));
  const {
    rows: [me],
  } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  await client.query("BEGIN");
  return {
    pid: me!.pid,
    run: async (text) => void (await client.query(text)),
    commit: () => end("COMMIT"),
    rollback: () => end("ROLLBACK"),
  };
}

/** Backends of this database that wait for a lock, with the backends they wait for. */
export const lockWaits = (db: PricingDb) =>
  rows(
    db,
    sql<{ pid: number; waitEvent: string; blockers: number[] }>`
      SELECT pid, wait_event AS "waitEvent", pg_blocking_pids(pid) AS blockers FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' ORDER BY pid`,
  );

/** Who holds or waits for the import lock of this supplier and kind. */
export const importLocks = (db: PricingDb, supplier: string, kind: "stock" | "competitor") =>
  rows(
    db,
    sql<{ pid: number; granted: boolean }>`
      SELECT pid, granted FROM pg_locks
      WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND classid = CAST(${IMPORT_LOCK_SPACE} AS oid) AND objid = CAST(${importLockKey(supplier, kind) >>> 0} AS oid) AND objsubid = 2
      ORDER BY granted DESC, pid`,
  );

/** A promise with whether it has settled yet. */
export function tracked<T>(promise: Promise<T>): { promise: Promise<T>; readonly settled: boolean } {
  let settled = false;
  const tracked = promise.finally(() => (settled = true));
  // Awaited by the test; until then a failure must not count as unhandled.
  tracked.catch(() => {});
  return {
    promise: tracked,
    get settled() {
      return settled;
    },
  };
}
