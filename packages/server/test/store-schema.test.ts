/** One definition of the server's tables: both engines reach the same columns, and older databases upgrade with their rows. */
import { applyMigrations, sql } from "@tasklane/pricing";
import { afterEach, describe, expect, it } from "vitest";
import { SERVER_MIGRATIONS } from "../src/stores/schema.ts";
import { SqlTaskStore } from "../src/stores/sql-task-store.ts";
import { PostgresUploadStore, SqliteUploadStore } from "../src/uploads/sql-upload-store.ts";
import { type EngineEnv, engineEnv, engines } from "./store-env.ts";

const BEFORE_ONE_TABLE = SERVER_MIGRATIONS.filter((m) => m.id !== "tasks/005_one_tasks_table" && m.id !== "uploads/002_one_uploads_table");

let env: EngineEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function columns(e: EngineEnv, table: string): Promise<string[]> {
  const query =
    e.db.dialect === "sqlite"
      ? sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`
      : sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns WHERE table_name = ${table}`;
  return (await query.execute(e.db.kysely)).rows.map((r) => r.name).sort();
}

describe.each(engines)("the server's tables on %s", (dialect) => {
  it("have the columns of the one definition", async () => {
    env = await engineEnv(dialect);
    expect(await columns(env, "tasks")).toEqual(
      [
        "attempts",
        "cancel_requested",
        "created_at",
        "dedup_key",
        "done_at",
        "error",
        "id",
        "idempotency_key",
        "input",
        "message",
        "owner",
        "progress",
        "result",
        "run_token",
        "seq",
        "started_at",
        "status",
        "subject",
        "texts",
        "type",
      ].sort(),
    );
    expect(await columns(env, "uploads")).toEqual(["created_at", "filename", "id", "owner", "size"]);
  });

  it("upgrade from the version before, keeping every task and upload", async () => {
    env = await engineEnv(dialect, BEFORE_ONE_TABLE);
    const db = env.db.kysely;
    const input = JSON.stringify({ uploadId: "u1", supplier: "ACME", kind: "stock" });
    const texts = JSON.stringify({ message: { key: "task.completed", values: {} }, error: null });
    // Rows as the version before wrote them, on each engine's own tasks table.
    if (dialect === "sqlite") {
      await sql`INSERT INTO tasks (id, type, owner, status, progress, message, input, subject, texts, created_at, done_at)
        VALUES ('t1', 'stockImport', 'o', 'completed', 100, 'Completed', ${input}, NULL, ${texts}, 1000, 2000),
               ('t2', 'recalculate', 'o', 'running', 10, 'Working', '{}', '{}', NULL, 1500, NULL)`.execute(db);
      await sql`INSERT INTO uploads (id, owner, filename, size, path, created_at) VALUES ('u1', 'o', 'a.csv', 3, '/old/place/u1', 500)`.execute(
        db,
      );
    } else {
      await sql`INSERT INTO tasks (id, type, owner, status, progress, message, input, subject, texts, dedup_key, created_at, done_at)
        VALUES ('t1', 'stockImport', 'o', 'completed', 100, 'Completed', ${input}, NULL, ${texts}, 'k1', 1000, 2000),
               ('t2', 'recalculate', 'o', 'running', 10, 'Working', '{}', '{}', NULL, 'k2', 1500, NULL)`.execute(db);
      await sql`INSERT INTO uploads (id, owner, filename, size, created_at) VALUES ('u1', 'o', 'a.csv', 3, 500)`.execute(db);
    }
    await applyMigrations(env.db, SERVER_MIGRATIONS);

    const store = new SqlTaskStore(env.db);
    const page = await store.list({ owner: "o", limit: 10 });
    expect(page.items.map((t) => [t.id, t.status])).toEqual([
      ["t2", "running"],
      ["t1", "completed"],
    ]);
    expect((await store.get("t1"))?.task).toMatchObject({
      subject: { supplier: "ACME", kind: "stock", fileName: null },
      messageText: { key: "task.completed", values: {} },
      doneAt: new Date(2000),
    });
    expect((await store.list({ owner: "o", limit: 10, supplier: "ACME" })).items.map((t) => t.id)).toEqual(["t1"]);
    // The upgraded table takes a task without a dedup key, and the shared store's columns work.
    expect(await store.claim("t2", "run", new Date(3000))).toMatchObject({ attempts: 1, cancelRequested: false });
    const uploads = dialect === "sqlite" ? new SqliteUploadStore(env.db, env.uploadsDir) : new PostgresUploadStore(env.db);
    expect(await uploads.get("u1")).toEqual({ id: "u1", owner: "o", filename: "a.csv", size: 3, createdAt: new Date(500) });
  });
});
