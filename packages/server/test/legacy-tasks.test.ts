import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, openDatabase, sqlitePricingDb } from "@tasklane/pricing";
import { afterEach, expect, it } from "vitest";
import { DATABASE_FILE, OPEN_CALLER, SERVER_MIGRATIONS, SqlTaskStore, createEmbeddedServer } from "../src/index.ts";
import { newTask } from "../src/tasks/tasks.ts";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("tasks kept in the pricing file by an older version are still there after the upgrade, once", async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tasklane-legacy-"));
  // What an older version left: the tasks' tables in the pricing file, with one finished task.
  const old = openDatabase(path.join(dir, DATABASE_FILE));
  await applyMigrations(sqlitePricingDb(old), SERVER_MIGRATIONS);
  const task = { ...newTask("recalculate", "0b4f5a5e-8a49-4d2c-9d53-0d7e1c7b6f10", new Date(), {}), status: "completed" as const };
  await new SqlTaskStore(sqlitePricingDb(old)).insert({ task, owner: OPEN_CALLER, input: {}, idempotencyKey: null });
  old.close();

  for (let start = 0; start < 2; start++) {
    const service = await createEmbeddedServer({ dataDir: dir, handlers: () => ({}) as never });
    try {
      expect(await service.tasks.get(task.id, OPEN_CALLER)).toMatchObject({ id: task.id, status: "completed" });
    } finally {
      await service.stop();
    }
  }
  const pricing = openDatabase(path.join(dir, DATABASE_FILE));
  expect(pricing.prepare("SELECT name FROM sqlite_master WHERE name IN ('tasks', 'uploads')").all()).toEqual([]);
  pricing.close();
});
