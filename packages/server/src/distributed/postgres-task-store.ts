import { type Task, type TaskType, text } from "@tasklane/contract";
import type { Pool } from "pg";
import type { StoredTask, TaskListQuery, TaskPage } from "../stores/task-store.ts";
import type { finalFields } from "../tasks/run-handler.ts";
import { decodeTaskCursor, encodeTaskCursor } from "../stores/task-cursor.ts";
import { SUPPLIER_OF_ROW, type TaskRow, type TaskTexts, ms, rowToTask, textsOf } from "../stores/task-row.ts";
import { messageFields } from "../tasks/task-texts.ts";

interface Row extends TaskRow<unknown> {
  attempts: number;
  cancel_requested: boolean;
}

const toTask = (row: Row) =>
  rowToTask(row, { result: row.result as Task["result"], subject: row.subject, texts: row.texts as TaskTexts | null, input: () => row.input });

const STARTING = messageFields(text("task.starting"));
const CANCELLING = messageFields(text("task.cancelling"));

const UNFINISHED = "status IN ('queued', 'running')";

/** What a worker needs to run a task it claimed. */
export interface Claimed {
  type: TaskType;
  input: unknown;
  attempts: number;
  cancelRequested: boolean;
}

/**
 * Tasks in PostgreSQL for the distributed backend. Every change of status is one conditional
 * UPDATE, so two nodes racing (a cancel against a worker's claim, a dead worker's run against
 * its re-run) cannot both win. The pool must parse int8 as numbers (createPostgresPool does).
 */
export class PostgresTaskStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Inserts the task unless the owner's idempotency key or the same active work is already
   * there: then answers with that task. The unique indexes decide, so it holds across nodes.
   */
  async insertOrFind(stored: StoredTask, dedupKey: string): Promise<{ task: Task; deduplicated: boolean }> {
    const { task, owner, input, idempotencyKey } = stored;
    // A conflicting task may end between the insert and the look-up: then insert again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted = await this.pool.query(
        `INSERT INTO tasks (id, type, owner, status, progress, message, input, subject, idempotency_key, dedup_key, created_at, texts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
        [
          task.id,
          task.type,
          owner,
          task.status,
          task.progress,
          task.message,
          JSON.stringify(input),
          JSON.stringify(task.subject),
          idempotencyKey,
          dedupKey,
          ms(task.createdAt),
          textsOf(task),
        ],
      );
      if (inserted.rowCount === 1) return { task, deduplicated: false };
      const earlier = await this.findEarlier(owner, idempotencyKey, dedupKey);
      if (earlier) return { task: earlier, deduplicated: true };
    }
    throw new Error("Could not store the task: the same work kept starting and ending; try again");
  }

  /** The owner's task with this idempotency key, else its active task doing the same work. */
  async findEarlier(owner: string, idempotencyKey: string | null, dedupKey: string): Promise<Task | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM tasks WHERE owner = $1 AND (idempotency_key = $2 OR (dedup_key = $3 AND ${UNFINISHED}))
       ORDER BY (idempotency_key IS NOT DISTINCT FROM $2) DESC LIMIT 1`,
      [owner, idempotencyKey, dedupKey],
    );
    return rows[0] && toTask(rows[0]);
  }

  /**
   * How many tasks the owner has queued, and active (queued or running). Served by the
   * tasks_active_work index, whose predicate is exactly "active" and whose first column is owner.
   */
  async activeOf(owner: string): Promise<{ queued: number; active: number }> {
    const { rows } = await this.pool.query<{ queued: number; active: number }>(
      `SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*)::int AS active
       FROM tasks WHERE owner = $1 AND ${UNFINISHED}`,
      [owner],
    );
    return rows[0]!;
  }

  /** Takes a submit back whose job never reached the queue. */
  async delete(id: string): Promise<void> {
    await this.pool.query("DELETE FROM tasks WHERE id = $1", [id]);
  }

  async get(id: string): Promise<(StoredTask & { cancelRequested: boolean }) | undefined> {
    const { rows } = await this.pool.query<Row>("SELECT * FROM tasks WHERE id = $1", [id]);
    const row = rows[0];
    return row && { task: toTask(row), owner: row.owner, input: row.input, idempotencyKey: row.idempotency_key, cancelRequested: row.cancel_requested };
  }

  async list(query: TaskListQuery): Promise<TaskPage> {
    const before = decodeTaskCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER;
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM tasks WHERE owner = $1 AND seq < $2 AND ($3::text IS NULL OR type = $3) AND ($4::text IS NULL OR status = $4)
         AND ($5::text IS NULL OR ${SUPPLIER_OF_ROW.postgres} = $5)
       ORDER BY seq DESC LIMIT $6`,
      [query.owner, before, query.type ?? null, query.status ?? null, query.supplier ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toTask), nextCursor: rows.length > query.limit ? encodeTaskCursor(page.at(-1)!.seq) : null };
  }

  /**
   * A worker takes the task: queued, or running when its last worker died (a re-run). Answers
   * undefined when it ended meanwhile (cancelled while queued, or gone).
   */
  async claim(id: string, runToken: string, at: Date): Promise<Claimed | undefined> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE tasks SET status = 'running', progress = 0, message = $4, texts = $5, started_at = $3,
         attempts = attempts + 1, run_token = $2
       WHERE id = $1 AND ${UNFINISHED} RETURNING type, input, attempts, cancel_requested`,
      [id, runToken, at.getTime(), STARTING.message, textsOf({ ...STARTING, errorText: null })],
    );
    const row = rows[0];
    return row && { type: row.type, input: row.input, attempts: row.attempts, cancelRequested: row.cancel_requested };
  }

  /** The final write of a run; false when another run took the task over or it ended already. */
  async finish(id: string, runToken: string, fields: ReturnType<typeof finalFields>): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE tasks SET status = $3, progress = $4, message = $5, result = $6, error = $7, done_at = $8, texts = $9
       WHERE id = $1 AND status = 'running' AND run_token = $2`,
      [
        id,
        runToken,
        fields.status,
        fields.progress,
        fields.message,
        fields.result === null ? null : JSON.stringify(fields.result),
        fields.error,
        ms(fields.doneAt),
        textsOf(fields),
      ],
    );
    return rowCount === 1;
  }

  /** Ends a task that no worker holds: cancelled while queued, or interrupted. */
  async end(id: string, from: "queued" | "unfinished", fields: ReturnType<typeof finalFields>): Promise<Task | undefined> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE tasks SET status = $2, progress = $3, message = $4, error = $5, done_at = $6, texts = $7
       WHERE id = $1 AND ${from === "queued" ? "status = 'queued'" : UNFINISHED} RETURNING *`,
      [id, fields.status, fields.progress, fields.message, fields.error, ms(fields.doneAt), textsOf(fields)],
    );
    return rows[0] && toTask(rows[0]);
  }

  /** Marks a running task for cancelling; its worker sees the mark even if the Redis message is lost. */
  async requestCancel(id: string): Promise<Task | undefined> {
    const { rows } = await this.pool.query<Row>(
      `UPDATE tasks SET cancel_requested = true, message = $2, texts = $3 WHERE id = $1 AND status = 'running' RETURNING *`,
      [id, CANCELLING.message, textsOf({ ...CANCELLING, errorText: null })],
    );
    return rows[0] && toTask(rows[0]);
  }

  /** Which of these running tasks a caller asked to cancel. */
  async cancelRequested(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      "SELECT id FROM tasks WHERE id = ANY($1) AND cancel_requested AND status = 'running'",
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** Unfinished tasks created before `cutoff`, for the sweep that finds tasks no worker holds. */
  async unfinishedBefore(cutoff: Date): Promise<{ id: string; type: TaskType; status: "queued" | "running" }[]> {
    const { rows } = await this.pool.query(
      `SELECT id, type, status FROM tasks WHERE ${UNFINISHED} AND created_at < $1 ORDER BY created_at LIMIT 1000`,
      [cutoff.getTime()],
    );
    return rows;
  }

  async uploadsInUse(): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ upload_id: string }>(
      `SELECT input->>'uploadId' AS upload_id FROM tasks WHERE ${UNFINISHED} AND input ? 'uploadId'`,
    );
    return new Set(rows.map((r) => r.upload_id));
  }

  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.pool.query("DELETE FROM tasks WHERE done_at IS NOT NULL AND done_at < $1", [cutoff.getTime()]);
    return rowCount ?? 0;
  }

  async close(): Promise<void> {}
}
