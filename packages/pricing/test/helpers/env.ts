import { localize } from "@tasklane/contract";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RawBuilder, sql } from "kysely";
import pg from "pg";
import { afterEach } from "vitest";
import {
  type PricingDb,
  type SqlDialect,
  type WorkContext,
  createPostgresPool,
  migratePricing,
  openDatabase,
  postgresPricingDb,
  sqlitePricingDb,
} from "../../src/index.ts";

const postgresUrl = process.env.TASKLANE_TEST_DATABASE_URL;
// Loud, not a skip: a CI run that quietly tested SQLite alone would pass for one that tested both.
if (!postgresUrl && process.env.CI) {
  throw new Error("TASKLANE_TEST_DATABASE_URL is not set: in CI the pricing suite must run on PostgreSQL too (.ci/run sets it)");
}

/** Every test that touches the database runs once per engine: SQLite always, PostgreSQL when a server is given. */
export const dialects: SqlDialect[] = postgresUrl ? ["sqlite", "postgres"] : ["sqlite"];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  // Every cleanup runs even when one fails: a database left behind would outlive the run.
  const failures: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
});

/** Runs `cleanup` after the test, before the cleanups registered earlier (a connection before its pool). */
export function afterThisTest(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

export interface FileEnv {
  dir: string;
  file(name: string, data: string | Uint8Array): string;
}

/** A temp directory, removed after the test. */
export function fileEnv(): FileEnv {
  const dir = mkdtempSync(join(tmpdir(), "pricing-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file(name, data) {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
  };
}

export interface TestEnv extends FileEnv {
  db: PricingDb;
  /** Another connection to the same database, as a second process would have (closed after the test). */
  connect(): Promise<PricingDb>;
}

/**
 * A temp directory and a database of this test's own: a SQLite file in the directory, or a new
 * PostgreSQL database (dropped after the test), so test files running in parallel never meet,
 * not even on an advisory lock. Migrated unless `migrated` is false.
 */
export async function testEnv(dialect: SqlDialect = "sqlite", { migrated = true } = {}): Promise<TestEnv> {
  const files = fileEnv();
  const open = dialect === "sqlite" ? sqliteOpener(join(files.dir, "pricing.db")) : await postgresOpener();
  const db = await open();
  if (migrated) await migratePricing(db);
  return { ...files, db, connect: open };
}

function sqliteOpener(file: string): () => Promise<PricingDb> {
  return async () => {
    const sqlite = openDatabase(file);
    cleanups.push(() => {
      sqlite.close();
    });
    return sqlitePricingDb(sqlite);
  };
}

async function postgresOpener(): Promise<() => Promise<PricingDb>> {
  const name = `tasklane_t_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  // FORCE: a pool a failed test left open must not keep the database alive.
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return async () => {
    const pool = createPostgresPool(url.href, { max: 4 });
    // An idle client whose backend a test terminated reports it here, as the task thread's pool does.
    pool.on("error", () => undefined);
    cleanups.push(() => pool.end());
    return postgresPricingDb(pool);
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Rows of a query written once for both engines. */
export async function rows<T>(db: PricingDb, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db.kysely)).rows;
}

export interface RecordedContext extends WorkContext {
  calls: { percent: number; message: string }[];
}

/** A work context that records progress; `onProgress` may abort through `controller`. */
export function workContext(onProgress?: (percent: number, message: string, controller: AbortController) => void): RecordedContext {
  const controller = new AbortController();
  const calls: { percent: number; message: string }[] = [];
  return {
    signal: controller.signal,
    calls,
    progress(percent, message) {
      const english = localize(message, "en");
      calls.push({ percent, message: english });
      onProgress?.(percent, english, controller);
    },
  };
}

export function offers(db: PricingDb, supplier?: string) {
  return rows(
    db,
    sql<{ partNumber: string; supplier: string; kind: string; quantity: number | null; price: number }>`
      SELECT c.part_number AS "partNumber", o.supplier, o.kind, o.quantity, o.price FROM offers o
      JOIN components c ON c.id = o.component_id
      WHERE (CAST(${supplier ?? null} AS TEXT) IS NULL OR o.supplier = ${supplier ?? null})
      ORDER BY o.supplier, o.kind, c.part_number, o.price`,
  );
}

export { stagingTablesLeft as stagingTables } from "../../src/import/stager.ts";
