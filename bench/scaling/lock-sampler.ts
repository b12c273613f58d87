import { createRequire } from "node:module";
import path from "node:path";
import { IMPORT_LOCK_SPACE } from "@tasklane/pricing";

/** The part of pg's Client used here. */
interface PgClient {
  connect(): Promise<void>;
  query<R>(sql: string, values: unknown[]): Promise<{ rows: R[] }>;
  end(): Promise<void>;
}
// The bench package has no pg of its own; @tasklane/testing's (the workspace's catalog version) serves, as its engines.ts uses it.
const { Client } = createRequire(path.resolve(import.meta.dirname, "../../packages/testing/src/engines.ts"))("pg") as {
  Client: new (options: { connectionString: string }) => PgClient;
};

const EVERY_MS = 20;

export interface LockTime {
  /** Seconds in which at least one import held its apply lock (the lock of its supplier and kind). */
  heldS: number;
  /** Lock-seconds held, summed over the imports: each import's apply time, two at once counting twice. */
  appliedS: number;
  /** Seconds in which two or more imports held their apply locks at once: applies that overlapped. */
  overlapS: number;
  /** Backend-seconds spent waiting for one (two waiting for a second count twice). */
  waitedS: number;
}

/**
 * Samples pg_locks every EVERY_MS for the imports' apply locks in one database, so that the time an
 * import spends in its apply (which holds the lock of its supplier and kind), how often two applies
 * ran at once and the time any waited are measured, not guessed. It connects to the admin
 * database, so its own backend is not counted as our database's CPU (engine-cpu.ts).
 */
async function sampleLocks(adminUrl: string, databaseName: string): Promise<() => Promise<LockTime>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  let [held, applied, overlap, waited, last] = [0, 0, 0, 0, performance.now()];
  let stopped = false;
  let failed: { error: unknown } | undefined;
  const loop = (async () => {
    while (!stopped) {
      // A two-key advisory lock shows its first key as classid and objsubid 2 (PostgreSQL's pg_locks docs).
      const { rows } = await client.query<{ granted: boolean; n: string }>(
        `SELECT granted, count(*) AS n FROM pg_locks
          WHERE locktype = 'advisory' AND classid = $2 AND objsubid = 2
            AND database = (SELECT oid FROM pg_database WHERE datname = $1) GROUP BY granted`,
        [databaseName, IMPORT_LOCK_SPACE],
      );
      const now = performance.now();
      const dt = (now - last) / 1000;
      last = now;
      for (const row of rows) {
        const n = Number(row.n);
        if (!row.granted) waited += n * dt;
        else {
          held += dt;
          applied += n * dt;
          if (n >= 2) overlap += dt;
        }
      }
      await new Promise((r) => setTimeout(r, EVERY_MS));
    }
  })().catch((error: unknown) => (failed = { error }));
  return async () => {
    stopped = true;
    await loop;
    await client.end();
    if (failed) throw failed.error;
    return { heldS: +held.toFixed(3), appliedS: +applied.toFixed(3), overlapS: +overlap.toFixed(3), waitedS: +waited.toFixed(3) };
  };
}

/** Runs `body` while sampling the locks; the sampler stops (and its connection closes) whatever `body` does. */
export async function withLockTime<T>(
  adminUrl: string,
  databaseName: string,
  body: () => Promise<T>,
): Promise<{ value: T; lock: LockTime }> {
  const stop = await sampleLocks(adminUrl, databaseName);
  let value: T;
  try {
    value = await body();
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { value, lock: await stop() };
}
