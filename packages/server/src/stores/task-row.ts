import type { Task } from "@tasklane/contract";

/**
 * A task as both SQL stores keep it: one row, times as ms since epoch. SQLite holds input and
 * result as JSON text, PostgreSQL as jsonb (already parsed): `Json` says which.
 */
export interface TaskRow<Json = string> {
  seq: number;
  id: string;
  type: Task["type"];
  owner: string;
  status: Task["status"];
  progress: number;
  message: string;
  input: Json;
  idempotency_key: string | null;
  result: Json | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  done_at: number | null;
}

export const ms = (d: Date | null) => (d ? d.getTime() : null);
const date = (n: number | null) => (n === null ? null : new Date(n));

/** The public Task of a row; `result` already parsed. */
export function rowToTask(row: TaskRow<unknown>, result: Task["result"]): Task {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    progress: row.progress,
    message: row.message,
    result,
    error: row.error,
    createdAt: new Date(row.created_at),
    startedAt: date(row.started_at),
    doneAt: date(row.done_at),
  } as Task;
}
