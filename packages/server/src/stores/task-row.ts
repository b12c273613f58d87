import { type LocalText, type Task, type TaskInput, taskSubject } from "@tasklane/contract";

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
  /** What the task works on (Task.subject); null in rows stored before it was kept. */
  subject: Json | null;
  idempotency_key: string | null;
  result: Json | null;
  error: string | null;
  /** The message's and error's keys and values (TaskTexts); null in rows stored before texts had keys. */
  texts: Json | null;
  created_at: number;
  started_at: number | null;
  done_at: number | null;
}

export const ms = (d: Date | null) => (d ? d.getTime() : null);
const date = (n: number | null) => (n === null ? null : new Date(n));

/**
 * The public Task of a row; `result`, `subject` and `input` already parsed (`input` is read only
 * for a row stored before subjects were: its subject is made from it, without a file name).
 */
export function rowToTask(
  row: TaskRow<unknown>,
  parsed: { result: Task["result"]; subject: unknown; texts: TaskTexts | null; input: () => unknown },
): Task {
  return {
    id: row.id,
    type: row.type,
    subject: parsed.subject ?? taskSubject(row.type, parsed.input() as TaskInput),
    status: row.status,
    progress: row.progress,
    message: row.message,
    messageText: parsed.texts?.message ?? null,
    result: parsed.result,
    error: row.error,
    errorText: parsed.texts?.error ?? null,
    createdAt: new Date(row.created_at),
    startedAt: date(row.started_at),
    doneAt: date(row.done_at),
  } as Task;
}

/** A row's `texts` column: the keys beside its `message` and `error`, in one JSON value. */
export interface TaskTexts {
  message: LocalText | null;
  error: LocalText | null;
}

export const textsOf = (fields: Pick<Task, "messageText" | "errorText">): string =>
  JSON.stringify({ message: fields.messageText, error: fields.errorText } satisfies TaskTexts);

/** The SQL that keeps a list to one supplier's imports, for rows with and without a subject. */
export const SUPPLIER_OF_ROW = {
  sqlite: "COALESCE(json_extract(subject, '$.supplier'), json_extract(input, '$.supplier'))",
  postgres: "COALESCE(subject->>'supplier', input->>'supplier')",
} as const;
