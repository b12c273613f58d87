import { applyMigrations, createPostgresPool, postgresPricingDb } from "@tasklane/pricing";
import { freshDatabase } from "@tasklane/testing/engines";
import { describe, expect, it } from "vitest";
import { SERVER_MIGRATIONS } from "../src/stores/schema.ts";
import { SqlTaskStore } from "../src/stores/sql-task-store.ts";
import { newTask } from "../src/tasks/tasks.ts";
import { engines } from "./store-env.ts";

// A poll's read on PostgreSQL is a statement each connection prepares once (SqlTaskStore).
describe.skipIf(!engines.includes("postgres"))("the poll's prepared read on PostgreSQL", () => {
  it("goes on answering on a connection that prepared it after a newer version's migration adds a column to tasks", async () => {
    const database = await freshDatabase();
    // One connection, so that the second read runs where the first prepared the statement.
    const pool = createPostgresPool(database.url, { max: 1 });
    try {
      const db = postgresPricingDb(pool);
      await applyMigrations(db, SERVER_MIGRATIONS);
      const store = new SqlTaskStore(db);
      const task = newTask("recalculate", crypto.randomUUID(), new Date(1_000), {});
      await store.insert({ task, owner: "caller", input: {}, idempotencyKey: null });
      expect((await store.get(task.id))?.task).toEqual(task);
      await pool.query("ALTER TABLE tasks ADD COLUMN added_by_a_newer_version text");
      expect((await store.get(task.id))?.task).toEqual(task);
      const { rows } = await pool.query<{ name: string }>("SELECT name FROM pg_prepared_statements");
      expect(rows.map((r) => r.name)).toContain("tasklane_tasks_get");
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
