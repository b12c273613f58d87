import type { Migration } from "@tasklane/pricing";

/**
 * The tasks' tables, as migrations: each runs once, in order, recorded in the `migrations`
 * table that the pricing schema shares (one SQLite file holds both).
 */
export const TASK_MIGRATIONS = [
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
    id: "tasks/003_task_subjects",
    sqlite: "ALTER TABLE tasks ADD COLUMN subject TEXT;",
  },
  {
    // The keys of message and error (TaskTexts), so that each client shows its person's language.
    id: "tasks/004_task_texts",
    sqlite: "ALTER TABLE tasks ADD COLUMN texts TEXT;",
  },
] as const satisfies readonly Migration[];
