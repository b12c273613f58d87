import { type LocalText, type Task, type TaskInput, type TaskType, taskSubject } from "@tasklane/contract";
import { decodeCursor, isIntegerCursor, pageOf, type PricingDb, sql } from "@tasklane/pricing";
import type { Kysely, Selectable } from "kysely";
import { TASK_LINES, errorFields } from "../tasks/task-texts.ts";
import type { ServerTables } from "./schema.ts";
import type { Claimed, FinalFields, SharedTaskStore, StoredTask, TaskListQuery, TaskPage } from "./task-store.ts";

type Row = Selectable<ServerTables["tasks"]>;

/**
 * The columns a poll reads, named rather than `*`: on PostgreSQL the read is a prepared
 * statement, and one that selects `*` fails ("cached plan must not change result type") on every
 * connection that prepared it once a newer version's migration adds a column, as happens while
 * API nodes of two versions run side by side.
 */
const POLLED = [
  "id",
  "type",
  "owner",
  "status",
  "progress",
  "message",
  "input",
  "subject",
  "idempotency_key",
  "result",
  "error",
  "texts",
  "created_at",
  "started_at",
  "done_at",
  "cancel_requested",
] as const satisfies readonly (keyof Row)[];
type PolledRow = Pick<Row, (typeof POLLED)[number]>;
/** The poll's prepared statement on each pooled PostgreSQL connection. */
const POLL_STATEMENT = "tasklane_tasks_get";

const { starting: STARTING, cancelling: CANCELLING, failed: FAILED } = TASK_LINES;

const UNFINISHED = ["queued", "running"] as const;

/** A row's `texts` column: the keys beside its `message` and `error`, in one JSON value. */
const textsOf = (fields: Pick<Task, "messageText" | "errorText">) =>
  JSON.stringify({ message: fields.messageText, error: fields.errorText });

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** The columns a task's run changes, from a task or the fields of its final write. */
const changing = (f: Pick<Task, "status" | "progress" | "message" | "messageText" | "result" | "error" | "errorText" | "doneAt">) => ({
  status: f.status,
  progress: f.progress,
  message: f.message,
  result: f.result === null ? null : JSON.stringify(f.result),
  error: f.error,
  texts: textsOf(f),
  done_at: ms(f.doneAt),
});
const date = (n: number | null) => (n === null ? null : new Date(n));

/**
 * Tasks in SQLite (the embedded backend's tasks file) or PostgreSQL (the distributed backend),
 * through Kysely: one implementation, one table (schema.ts). Every change of status a shared
 * store makes is one conditional UPDATE (see SharedTaskStore). A PostgreSQL pool must parse int8
 * as numbers (createPostgresPool does).
 */
export class SqlTaskStore implements SharedTaskStore {
  readonly #db: Kysely<ServerTables>;
  /** JSON columns come back as text from SQLite and parsed from PostgreSQL's jsonb. */
  readonly #json: (value: unknown) => unknown;
  /**
   * The poll's read (a distributed poll makes it every time). Kysely writes the query once; it
   * runs on the handle under Kysely, as the stores before did: Kysely's executor costs some
   * 4 µs (SQLite) to 15 µs (PostgreSQL) of CPU per call, which the poll must not pay. On
   * PostgreSQL it is a named statement, parsed and planned once per connection: 28-29 µs of
   * PostgreSQL's CPU a read instead of 51-54 µs when each one was parsed and planned anew.
   */
  readonly #getRow: (id: string) => Promise<PolledRow | undefined>;

  /** A database from sqlitePricingDb or postgresPricingDb (the tasks file, or the shared pool). */
  constructor(db: Pick<PricingDb, "kysely" | "dialect" | "sqlite" | "pool">) {
    this.#db = db.kysely as unknown as Kysely<ServerTables>;
    this.#json = db.dialect === "sqlite" ? (value) => (value === null ? null : (JSON.parse(value as string) as unknown)) : (value) => value;
    const get = this.#db.selectFrom("tasks").select(POLLED).where("id", "=", "").compile().sql;
    // sqlitePricingDb gives the SQLite handle, postgresPricingDb the pool.
    const { sqlite, pool } = db;
    const statement = sqlite?.prepare<[string], PolledRow>(get);
    this.#getRow = statement
      ? async (id) => statement.get(id)
      : async (id) => (await pool!.query<PolledRow>({ name: POLL_STATEMENT, text: get, values: [id] })).rows[0];
  }

  #task(row: PolledRow): Task {
    const texts = this.#json(row.texts) as { message: Task["messageText"]; error: Task["errorText"] } | null;
    return {
      id: row.id,
      type: row.type,
      // Rows stored before subjects were kept make theirs from the input, without a file name.
      subject: (this.#json(row.subject) as Task["subject"] | null) ?? taskSubject(row.type as TaskType, this.#json(row.input) as TaskInput),
      status: row.status,
      progress: row.progress,
      message: row.message,
      messageText: texts?.message ?? null,
      result: this.#json(row.result) as Task["result"],
      error: row.error,
      errorText: texts?.error ?? null,
      createdAt: new Date(row.created_at),
      startedAt: date(row.started_at),
      doneAt: date(row.done_at),
    } as Task;
  }

  #values({ task, owner, input, idempotencyKey }: StoredTask, dedupKey: string | null) {
    return {
      ...changing(task),
      id: task.id,
      type: task.type,
      owner,
      input: JSON.stringify(input),
      subject: JSON.stringify(task.subject),
      idempotency_key: idempotencyKey,
      dedup_key: dedupKey,
      created_at: task.createdAt.getTime(),
      started_at: ms(task.startedAt),
    };
  }

  async insert(stored: StoredTask): Promise<void> {
    await this.#db.insertInto("tasks").values(this.#values(stored, null)).execute();
  }

  async update(task: Task): Promise<void> {
    await this.#db
      .updateTable("tasks")
      .set({ ...changing(task), started_at: ms(task.startedAt) })
      .where("id", "=", task.id)
      .execute();
  }

  async get(id: string): Promise<(StoredTask & { cancelRequested: boolean }) | undefined> {
    const row = await this.#getRow(id);
    return (
      row && {
        task: this.#task(row),
        owner: row.owner,
        input: this.#json(row.input),
        idempotencyKey: row.idempotency_key,
        cancelRequested: Boolean(row.cancel_requested),
      }
    );
  }

  async list(query: TaskListQuery): Promise<TaskPage> {
    const before = decodeCursor<[number]>(query.cursor, isIntegerCursor)?.[0];
    let select = this.#db.selectFrom("tasks").selectAll().where("owner", "=", query.owner);
    if (before !== undefined) select = select.where("seq", "<", before);
    if (query.type) select = select.where("type", "=", query.type);
    if (query.status) select = select.where("status", "=", query.status);
    // Rows stored before subjects were kept have the supplier in their input only.
    if (query.supplier) select = select.where(sql`coalesce(subject->>'supplier', input->>'supplier')`, "=", query.supplier);
    const rows = await select
      .orderBy("seq", "desc")
      .limit(query.limit + 1)
      .execute();
    return pageOf(
      rows,
      query.limit,
      (row) => this.#task(row),
      (row) => [row.seq],
    );
  }

  async failUnfinished(error: LocalText, at: Date): Promise<number> {
    const fields = { ...FAILED, ...errorFields(error) };
    const result = await this.#db
      .updateTable("tasks")
      .set({ status: "error", error: fields.error, message: fields.message, texts: textsOf(fields), done_at: at.getTime() })
      .where("status", "in", UNFINISHED)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const result = await this.#db
      .deleteFrom("tasks")
      .where("done_at", "is not", null)
      .where("done_at", "<", cutoff.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async insertOrFind(stored: StoredTask, dedupKey: string): Promise<{ task: Task; deduplicated: boolean }> {
    // A conflicting task may end between the insert and the look-up: then insert again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted = await this.#db
        .insertInto("tasks")
        .values(this.#values(stored, dedupKey))
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows) === 1) return { task: stored.task, deduplicated: false };
      const earlier = await this.findEarlier(stored.owner, stored.idempotencyKey, dedupKey);
      if (earlier) return { task: earlier, deduplicated: true };
    }
    throw new Error("Could not store the task: the same work kept starting and ending; try again");
  }

  async findEarlier(owner: string, idempotencyKey: string | null, dedupKey: string): Promise<Task | undefined> {
    const row = await this.#db
      .selectFrom("tasks")
      .selectAll()
      .where("owner", "=", owner)
      .where((eb) =>
        eb.or([eb("idempotency_key", "=", idempotencyKey), eb.and([eb("dedup_key", "=", dedupKey), eb("status", "in", UNFINISHED)])]),
      )
      .orderBy(sql`idempotency_key IS NOT DISTINCT FROM ${idempotencyKey}`, "desc")
      .limit(1)
      .executeTakeFirst();
    return row && this.#task(row);
  }

  async activeOf(owner: string): Promise<{ queued: number; active: number }> {
    const row = await this.#db
      .selectFrom("tasks")
      .select([
        sql<number>`coalesce(sum(CASE WHEN status = 'queued' THEN 1 ELSE 0 END), 0)`.as("queued"),
        sql<number>`count(*)`.as("active"),
      ])
      .where("owner", "=", owner)
      .where("status", "in", UNFINISHED)
      .executeTakeFirstOrThrow();
    return { queued: Number(row.queued), active: Number(row.active) };
  }

  async delete(id: string): Promise<void> {
    await this.#db.deleteFrom("tasks").where("id", "=", id).execute();
  }

  async claim(id: string, runToken: string, at: Date): Promise<Claimed | undefined> {
    const row = await this.#db
      .updateTable("tasks")
      .set((eb) => ({
        status: "running",
        progress: 0,
        message: STARTING.message,
        texts: textsOf({ ...STARTING, errorText: null }),
        started_at: at.getTime(),
        attempts: eb("attempts", "+", 1),
        run_token: runToken,
      }))
      .where("id", "=", id)
      .where("status", "in", UNFINISHED)
      .returning(["type", "input", "attempts", "cancel_requested"])
      .executeTakeFirst();
    return (
      row && {
        type: row.type as TaskType,
        input: this.#json(row.input),
        attempts: row.attempts,
        cancelRequested: Boolean(row.cancel_requested),
      }
    );
  }

  async finish(id: string, runToken: string, fields: FinalFields): Promise<boolean> {
    const result = await this.#db
      .updateTable("tasks")
      .set(changing(fields))
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("run_token", "=", runToken)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async end(id: string, from: "queued" | "unfinished", fields: FinalFields): Promise<Task | undefined> {
    const row = await this.#db
      .updateTable("tasks")
      .set(changing(fields))
      .where("id", "=", id)
      .where("status", "in", from === "queued" ? ["queued"] : UNFINISHED)
      .returningAll()
      .executeTakeFirst();
    return row && this.#task(row);
  }

  async requestCancel(id: string): Promise<Task | undefined> {
    const row = await this.#db
      .updateTable("tasks")
      .set({ cancel_requested: sql<boolean>`TRUE`, message: CANCELLING.message, texts: textsOf({ ...CANCELLING, errorText: null }) })
      .where("id", "=", id)
      .where("status", "=", "running")
      .returningAll()
      .executeTakeFirst();
    return row && this.#task(row);
  }

  async cancelRequested(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db
      .selectFrom("tasks")
      .select("id")
      .where("id", "in", ids)
      .where(sql<boolean>`cancel_requested`)
      .where("status", "=", "running")
      .execute();
    return rows.map((r) => r.id);
  }

  async unfinishedBefore(cutoff: Date): Promise<{ id: string; type: TaskType; status: "queued" | "running" }[]> {
    const rows = await this.#db
      .selectFrom("tasks")
      .select(["id", "type", "status"])
      .where("status", "in", UNFINISHED)
      .where("created_at", "<", cutoff.getTime())
      .orderBy("created_at")
      .limit(1000)
      .execute();
    return rows as { id: string; type: TaskType; status: "queued" | "running" }[];
  }

  async uploadsInUse(): Promise<Set<string>> {
    const rows = await this.#db
      .selectFrom("tasks")
      .select(sql<string>`input->>'uploadId'`.as("upload_id"))
      .where("status", "in", UNFINISHED)
      .where(sql`input->>'uploadId'`, "is not", null)
      .execute();
    return new Set(rows.map((r) => r.upload_id));
  }

  async close(): Promise<void> {}
}
