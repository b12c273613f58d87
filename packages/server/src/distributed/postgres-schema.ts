import type { Migration } from "@tasklane/pricing";

/**
 * The distributed backend's tables in PostgreSQL, recorded in the `migrations` table that the
 * pricing schema shares. A task row is the one place its status and result are written, in one
 * statement, so any API node reads them together.
 */
export const POSTGRES_TASK_MIGRATIONS: readonly Migration[] = [
  {
    id: "tasks/001_tasks",
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
        -- which work this repeats (tasks/dedup.ts): one active task per owner and key
        dedup_key text NOT NULL,
        result jsonb,
        error text,
        created_at bigint NOT NULL,
        started_at bigint,
        done_at bigint,
        -- how many times a worker took it (2: its first worker died and another ran it again)
        attempts integer NOT NULL DEFAULT 0,
        -- the run that may write the final state; an older run of a re-run task may not
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
    id: "tasks/002_task_subjects",
    postgres: "ALTER TABLE tasks ADD COLUMN subject jsonb;",
  },
  {
    // The keys of message and error (TaskTexts), so that each client shows its person's language.
    id: "tasks/003_task_texts",
    postgres: "ALTER TABLE tasks ADD COLUMN texts jsonb;",
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
];
