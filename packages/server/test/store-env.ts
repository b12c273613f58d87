import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type SqlDatabase,
  applyMigrations,
  createPostgresPool,
  openDatabase,
  postgresPricingDb,
  sqlitePricingDb,
  sql,
} from "@tasklane/pricing";
import { freshDatabase } from "@tasklane/testing/engines";
import { SERVER_MIGRATIONS } from "../src/stores/schema.ts";

const postgresUrl = process.env.TASKLANE_TEST_DATABASE_URL;
// Loud, not a skip: a CI run that quietly tested SQLite alone would pass for one that tested both.
if (!postgresUrl && process.env.CI) throw new Error("TASKLANE_TEST_DATABASE_URL is not set: the store suites must run on PostgreSQL too");

/** The SQL engines a suite runs on: SQLite always, PostgreSQL when a server is given. */
export const engines: SqlDatabase["dialect"][] = postgresUrl ? ["sqlite", "postgres"] : ["sqlite"];

export interface EngineEnv {
  db: SqlDatabase;
  /** A folder of this engine's own (the SQLite file). */
  dir: string;
  /** An uploads folder, emptied with the tables. */
  uploadsDir: string;
  /** Empties the server's tables and the uploads folder, for the next test. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A database of its own (a SQLite file in a temp folder, or a new PostgreSQL database, dropped
 * on close), with `migrations` applied (default: all of the server's).
 */
export async function engineEnv(dialect: SqlDatabase["dialect"], migrations = SERVER_MIGRATIONS): Promise<EngineEnv> {
  const dir = await mkdtemp(path.join(tmpdir(), "tasklane-stores-"));
  let db: SqlDatabase;
  let closeDb: () => Promise<void>;
  if (dialect === "sqlite") {
    const sqlite = openDatabase(path.join(dir, "tasks.sqlite"));
    db = sqlitePricingDb(sqlite);
    closeDb = async () => void sqlite.close();
  } else {
    const database = await freshDatabase();
    const pool = createPostgresPool(database.url, { max: 4 });
    pool.on("error", () => undefined);
    db = postgresPricingDb(pool);
    closeDb = async () => {
      await pool.end();
      await database.drop();
    };
  }
  await applyMigrations(db, migrations);
  const uploadsDir = path.join(dir, "uploads");
  await mkdir(uploadsDir);
  return {
    db,
    dir,
    uploadsDir,
    async reset() {
      await rm(uploadsDir, { recursive: true, force: true });
      await mkdir(uploadsDir);
      for (const table of ["tasks", "uploads", "upload_chunks"])
        await sql
          .raw(`DELETE FROM ${table}`)
          .execute(db.kysely)
          .catch(() => undefined);
    },
    async close() {
      await closeDb();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
