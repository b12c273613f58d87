import type { Migration } from "@tasklane/pricing";
import type { Generated } from "kysely";

/**
 * The server's tables, one definition for both engines: what sql-task-store.ts and the upload
 * stores read and write. Times are ms since epoch; JSON columns are text on SQLite and jsonb
 * on PostgreSQL (`Json`), booleans 0/1 on SQLite.
 */
export interface ServerTables {
  tasks: {
    seq: Generated<number>;
    id: string;
    type: string;
    owner: string;
    status: string;
    progress: number;
    message: string;
    input: unknown;
    /** What the task works on (Task.subject); null in rows stored before it was kept. */
    subject: unknown;
    idempotency_key: string | null;
    /** Which work this repeats (dedupKey, tasks/tasks.ts): one active task per owner and key. Null in rows stored without deduplication (TaskStore.insert; embedded rows of earlier versions). */
    dedup_key: string | null;
    result: unknown;
    error: string | null;
    /** The message's and error's keys and values (TaskTexts); null in rows stored before texts had keys. */
    texts: unknown;
    created_at: number;
    started_at: number | null;
    done_at: number | null;
    /** How many times a worker took it (2: its first worker died and another ran it again). */
    attempts: Generated<number>;
    /** The run that may write the final state; an older run of a re-run task may not. */
    run_token: string | null;
    cancel_requested: Generated<boolean | number>;
  };
  uploads: { id: string; owner: string; filename: string; size: number; created_at: number };
  /** PostgreSQL only: the bytes of uploads, in 1 MiB chunks. SQLite keeps them in files. */
  upload_chunks: { upload_id: string; seq: number; data: Buffer; created_at: number };
}

/**
 * The migrations of ServerTables, recorded in the `migrations` table pricing's applyMigrations
 * keeps. The two engines began with different tasks tables (their first migrations below are
 * history, kept so that existing databases upgrade); tasks/005 and uploads/002 bring both to
 * the one definition above. test/store-schema.test.ts checks that they agree.
 */
export const SERVER_MIGRATIONS: readonly Migration[] = [
  {
    id: "tasks/001_tasks",
    sqlite: `
      CREATE TABLE tasks (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        owner TEXT NOT NULL,
        status TEXT NOT NULL,
        progress INTEGER NOT NULL,
        message TEXT NOT NULL,
        input TEXT NOT NULL,
        idempotency_key TEXT,
        result TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        done_at INTEGER
      );
      CREATE INDEX tasks_by_owner ON tasks (owner, seq);
      CREATE INDEX tasks_by_status ON tasks (status);
      CREATE INDEX tasks_by_done_at ON tasks (done_at) WHERE done_at IS NOT NULL;
      CREATE UNIQUE INDEX tasks_by_idempotency_key ON tasks (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
    `,
    postgres: `
      CREATE TABLE tasks (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        type text NOT NULL,
        owner text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'error', 'cancelled')),
        progress integer NOT NULL,
        message text NOT NULL,
        input jsonb NOT NULL,
        idempotency_key text,
        dedup_key text NOT NULL,
        result jsonb,
        error text,
        created_at bigint NOT NULL,
        started_at bigint,
        done_at bigint,
        attempts integer NOT NULL DEFAULT 0,
        run_token text,
        cancel_requested boolean NOT NULL DEFAULT false
      );
      CREATE INDEX tasks_by_owner ON tasks (owner, seq);
      CREATE INDEX tasks_unfinished ON tasks (created_at) WHERE status IN ('queued', 'running');
      CREATE INDEX tasks_by_done_at ON tasks (done_at) WHERE done_at IS NOT NULL;
      CREATE UNIQUE INDEX tasks_by_idempotency_key ON tasks (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
      CREATE UNIQUE INDEX tasks_active_work ON tasks (owner, dedup_key) WHERE status IN ('queued', 'running');
    `,
  },
  {
    id: "tasks/002_uploads",
    sqlite: `
      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        filename TEXT NOT NULL,
        size INTEGER NOT NULL,
        path TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX uploads_by_created_at ON uploads (created_at);
    `,
  },
  {
    id: "uploads/001_uploads",
    postgres: `
      CREATE TABLE uploads (
        id text PRIMARY KEY,
        owner text NOT NULL,
        filename text NOT NULL,
        size bigint NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX uploads_by_created_at ON uploads (created_at);
      CREATE TABLE upload_chunks (
        upload_id text NOT NULL,
        seq integer NOT NULL,
        data bytea NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (upload_id, seq)
      );
    `,
  },
  // The same change under each engine's own id, as each database recorded it.
  { id: "tasks/003_task_subjects", sqlite: "ALTER TABLE tasks ADD COLUMN subject TEXT;" },
  { id: "tasks/002_task_subjects", postgres: "ALTER TABLE tasks ADD COLUMN subject jsonb;" },
  { id: "tasks/004_task_texts", sqlite: "ALTER TABLE tasks ADD COLUMN texts TEXT;" },
  { id: "tasks/003_task_texts", postgres: "ALTER TABLE tasks ADD COLUMN texts jsonb;" },
  {
    // One tasks table: SQLite gains the columns of a shared store (so it can be one), and a
    // task stored without deduplication has no dedup key on either.
    id: "tasks/005_one_tasks_table",
    sqlite: `
      ALTER TABLE tasks ADD COLUMN dedup_key TEXT;
      ALTER TABLE tasks ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tasks ADD COLUMN run_token TEXT;
      ALTER TABLE tasks ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
      DROP INDEX tasks_by_status;
      CREATE INDEX tasks_unfinished ON tasks (created_at) WHERE status IN ('queued', 'running');
      CREATE UNIQUE INDEX tasks_active_work ON tasks (owner, dedup_key) WHERE status IN ('queued', 'running');
    `,
    postgres: "ALTER TABLE tasks ALTER COLUMN dedup_key DROP NOT NULL;",
  },
  {
    // An upload's file is named by its id in the uploads folder; a stored path only went stale when the folder moved.
    id: "uploads/002_one_uploads_table",
    sqlite: "ALTER TABLE uploads DROP COLUMN path;",
  },
];
