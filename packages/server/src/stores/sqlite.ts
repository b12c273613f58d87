import { type LocalText, type Task, text } from "@tasklane/contract";
import { errorFields, messageFields } from "../tasks/task-texts.ts";
import type { Database, Statement } from "better-sqlite3";
import { decodeTaskCursor, encodeTaskCursor } from "./task-cursor.ts";
import { SUPPLIER_OF_ROW, type TaskRow, ms, rowToTask, textsOf } from "./task-row.ts";
import type { StoredTask, TaskListQuery, TaskPage, TaskStore } from "./task-store.ts";

type Row = TaskRow;

const toTask = (row: Row) =>
  rowToTask(row, {
    result: row.result === null ? null : JSON.parse(row.result),
    subject: row.subject === null ? null : JSON.parse(row.subject),
    texts: row.texts === null ? null : JSON.parse(row.texts),
    input: () => JSON.parse(row.input),
  });

/** Tasks in their SQLite file beside the pricing data: they survive a restart. */
export class SqliteTaskStore implements TaskStore {
  readonly #insert: Statement;
  readonly #update: Statement;
  readonly #get: Statement<[string], Row>;
  readonly #failUnfinished: Statement;
  readonly #byKey: Statement<[string, string], Row>;
  readonly #deleteFinished: Statement<[number]>;

  /** The tables come from TASK_MIGRATIONS (sqlite-schema.ts), applied before. */
  constructor(private readonly db: Database) {
    this.#insert = db.prepare(`
      INSERT INTO tasks (id, type, owner, status, progress, message, input, subject, idempotency_key, result, error, texts, created_at, started_at, done_at)
      VALUES (@id, @type, @owner, @status, @progress, @message, @input, @subject, @idempotencyKey, @result, @error, @texts, @createdAt, @startedAt, @doneAt)`);
    this.#byKey = db.prepare("SELECT * FROM tasks WHERE owner = ? AND idempotency_key = ?");
    this.#deleteFinished = db.prepare("DELETE FROM tasks WHERE done_at IS NOT NULL AND done_at < ?");
    this.#update = db.prepare(`
      UPDATE tasks SET status = @status, progress = @progress, message = @message, result = @result, error = @error,
        texts = @texts, started_at = @startedAt, done_at = @doneAt
      WHERE id = @id`);
    this.#get = db.prepare("SELECT * FROM tasks WHERE id = ?");
    this.#failUnfinished = db.prepare(`
      UPDATE tasks SET status = 'error', error = @error, message = @message, texts = @texts, done_at = @at
      WHERE status IN ('queued', 'running')`);
  }

  #params(task: Task) {
    return {
      id: task.id,
      status: task.status,
      progress: task.progress,
      message: task.message,
      result: task.result === null ? null : JSON.stringify(task.result),
      error: task.error,
      texts: textsOf(task),
      startedAt: ms(task.startedAt),
      doneAt: ms(task.doneAt),
    };
  }

  async insert({ task, owner, input, idempotencyKey }: StoredTask): Promise<void> {
    this.#insert.run({
      ...this.#params(task),
      type: task.type,
      owner,
      input: JSON.stringify(input),
      subject: JSON.stringify(task.subject),
      idempotencyKey,
      createdAt: ms(task.createdAt),
    });
  }

  async update(task: Task): Promise<void> {
    this.#update.run(this.#params(task));
  }

  async get(id: string): Promise<StoredTask | undefined> {
    const row = this.#get.get(id);
    return row && { task: toTask(row), owner: row.owner, input: JSON.parse(row.input), idempotencyKey: row.idempotency_key };
  }

  async findByIdempotencyKey(owner: string, key: string): Promise<Task | undefined> {
    const row = this.#byKey.get(owner, key);
    return row && toTask(row);
  }

  async list(query: TaskListQuery): Promise<TaskPage> {
    const before = decodeTaskCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER;
    const rows = this.db
      .prepare<unknown[], Row>(
        `SELECT * FROM tasks WHERE owner = ? AND seq < ?
          ${query.type ? "AND type = ?" : ""} ${query.status ? "AND status = ?" : ""}
          ${query.supplier ? `AND ${SUPPLIER_OF_ROW.sqlite} = ?` : ""}
          ORDER BY seq DESC LIMIT ?`,
      )
      .all(query.owner, before, ...[query.type, query.status, query.supplier].filter(Boolean), query.limit + 1);
    const page = rows.slice(0, query.limit);
    return { items: page.map(toTask), nextCursor: rows.length > query.limit ? encodeTaskCursor(page.at(-1)!.seq) : null };
  }

  async failUnfinished(error: LocalText, at: Date): Promise<number> {
    const fields = { ...messageFields(text("task.failed")), ...errorFields(error) };
    return this.#failUnfinished.run({ error: fields.error, message: fields.message, texts: textsOf(fields), at: at.getTime() }).changes;
  }

  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    return this.#deleteFinished.run(cutoff.getTime()).changes;
  }

  async close(): Promise<void> {}
}
