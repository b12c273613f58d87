import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, openDatabase, sqlitePricingDb } from "@tasklane/pricing";
import { afterEach, expect, it } from "vitest";
import { SERVER_MIGRATIONS, SqlTaskStore } from "../src/index.ts";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("a task stored before subjects were kept gets one from its input (no file name), and is listed by its supplier", async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tasklane-subject-"));
  const sqlite = openDatabase(path.join(dir, "tasks.sqlite"));
  await applyMigrations(sqlitePricingDb(sqlite), SERVER_MIGRATIONS);
  // The row as the version before wrote it: no subject column filled.
  const input = { uploadId: "0b4f5a5e-8a49-4d2c-9d53-0d7e1c7b6f10", supplier: "ACME", kind: "stock" };
  sqlite
    .prepare(
      `INSERT INTO tasks (id, type, owner, status, progress, message, input, created_at)
       VALUES ('5c8e7a1d-2f3b-4c6d-8e9f-0a1b2c3d4e5f', 'stockImport', 'o', 'completed', 100, 'Completed', ?, 1)`,
    )
    .run(JSON.stringify(input));
  const store = new SqlTaskStore(sqlitePricingDb(sqlite));
  const stored = await store.get("5c8e7a1d-2f3b-4c6d-8e9f-0a1b2c3d4e5f");
  expect(stored?.task.subject).toEqual({ supplier: "ACME", kind: "stock", fileName: null });
  expect((await store.list({ owner: "o", supplier: "ACME", limit: 10 })).items).toHaveLength(1);
  expect((await store.list({ owner: "o", supplier: "Other", limit: 10 })).items).toHaveLength(0);
  sqlite.close();
});
