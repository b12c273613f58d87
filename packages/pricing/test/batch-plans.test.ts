import type pg from "pg";
import { type RawBuilder, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { importStock } from "../src/index.ts";
import { knownOffersFrom, offersFrom } from "../src/import/apply-import.ts";
import { BATCH_PLANNER_SETTINGS, createStagingTable } from "../src/import/postgres-staging.ts";
import { gapFillFrom, newComponentsFrom } from "../src/import/upsert-components.ts";
import { dialects, testEnv, workContext, type TestEnv } from "./helpers/env.ts";
import { flatten, type PlanNode } from "./helpers/plans.ts";

/** Each statement a PostgreSQL import runs on a batch (postgres-staging.ts), over staging table `staged`. */
const batchStatements = (staged: RawBuilder<unknown>) => ({
  "new components": newComponentsFrom(staged, false),
  "new components, skipping those another import created": newComponentsFrom(staged, true),
  "new components of the unmatched rows": newComponentsFrom(staged, false, true),
  "new components of the unmatched rows, skipping those another import created": newComponentsFrom(staged, true, true),
  offers: offersFrom(staged, { supplier: "A", kind: "stock", importedAt: 0 }),
  "offers of the known part numbers, the others marked": knownOffersFrom(staged, { supplier: "A", kind: "stock", importedAt: 0 }),
  "offers of the unmatched rows": offersFrom(staged, { supplier: "A", kind: "stock", importedAt: 0 }, true),
  "gap update": gapFillFrom(staged),
});

/** A stock file of `count` part numbers with neither names nor vendors: the gap update's filter matches every one. */
const catalogue = (env: TestEnv, name: string, count: number, prefix = "BIG") => {
  const lines = Array.from({ length: count }, (_, i) => `${prefix}-${i};${(i % 500) + 1};1`);
  return env.file(name, `PN;Price;Qty\n${lines.join("\n")}\n`);
};

/**
 * In the import's transaction as it runs them, after `before` (what the import's earlier batches
 * did), every batch statement's plan over 2,000 staged rows: half of them part numbers the
 * catalogue has (BIG-0 to BIG-999), half new.
 */
async function batchPlans(env: TestEnv, before = ""): Promise<Record<string, PlanNode[]>> {
  const client: pg.PoolClient = await env.db.pool!.connect();
  try {
    await client.query(createStagingTable("staged"));
    await client.query(`INSERT INTO staged SELECT i + 2, 'BIG-' || i, NULL, NULL, NULL, 1, 1, 'big-' || i FROM generate_series(0, 1999) i`);
    await client.query("BEGIN");
    for (const setting of BATCH_PLANNER_SETTINGS) await client.query(setting);
    if (before) await client.query(before);
    const plans: Record<string, PlanNode[]> = {};
    for (const [name, statement] of Object.entries(batchStatements(sql.raw("staged")))) {
      const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode; JIT?: unknown }] }>(
        `EXPLAIN (FORMAT JSON) ${statement.compile(env.db.kysely).sql}`,
      );
      const [explained] = rows[0]!["QUERY PLAN"];
      // Compiling a batch statement took 130-210 ms where running it takes 2-4.
      expect(explained.JIT, `${name}: JIT-compiled`).toBeUndefined();
      plans[name] = flatten(explained.Plan);
    }
    return plans;
  } finally {
    // Also when an assertion above failed: the pooled session must not go back inside the transaction.
    await client.query("ROLLBACK");
    client.release();
  }
}

const INDEX_SCANS = ["Index Scan", "Index Only Scan", "Bitmap Heap Scan"];

/** Every statement reads components by index only (a scan of the whole catalogue is a Seq Scan). */
function expectIndexLookUps(plans: Record<string, PlanNode[]>) {
  for (const [name, nodes] of Object.entries(plans)) {
    const reads = nodes.filter((n) => n["Relation Name"] === "components" && n["Node Type"] !== "ModifyTable").map((n) => n["Node Type"]);
    expect(reads.length, name).toBeGreaterThan(0);
    expect(
      reads.filter((type) => !INDEX_SCANS.includes(type)),
      name,
    ).toEqual([]);
  }
}

// SQLite upserts in file order (upsertInFileOrder) and runs none of these statements.
describe.skipIf(!dialects.includes("postgres"))("postgres: an import batch's statements look components up by index", () => {
  it("in a catalogue autovacuum has not analyzed yet", async () => {
    const env = await testEnv("postgres");
    // Autovacuum analyzes a grown table within a minute or so; the plan must not wait for it.
    await sql`ALTER TABLE components SET (autovacuum_enabled = false)`.execute(env.db.kysely);
    await importStock(env.db, { filePath: catalogue(env, "catalogue.csv", 5_000), supplier: "A", kind: "stock" }, workContext());
    // Planned freely, the gap update scanned all 5,000 components for each of the 2,000 staged rows.
    expectIndexLookUps(await batchPlans(env));
  });

  it("in a catalogue analyzed as nearly empty over the pages a cancelled import left, while the import adds to it", async () => {
    const env = await testEnv("postgres");
    await sql`ALTER TABLE components SET (autovacuum_enabled = false)`.execute(env.db.kysely);
    await importStock(env.db, { filePath: catalogue(env, "kept.csv", 2, "KEEP"), supplier: "K", kind: "stock" }, workContext());
    const cancelled = await importStock(
      env.db,
      { filePath: catalogue(env, "cancelled.csv", 40_000), supplier: "A", kind: "stock" },
      workContext((percent, _message, controller) => percent >= 50 && controller.abort()),
    ).catch((error: unknown) => error);
    expect(cancelled).toBeInstanceOf(Error);
    // What autovacuum does after the rollback: the count is 2, over the pages the rolled-back rows filled.
    await sql`ANALYZE components`.execute(env.db.kysely);
    const [stats] = (
      await sql<{ reltuples: number; relpages: number }>`SELECT reltuples, relpages FROM pg_class WHERE relname = 'components'`.execute(
        env.db.kysely,
      )
    ).rows;
    expect(stats).toMatchObject({ reltuples: 2 });
    expect(stats!.relpages).toBeGreaterThan(50);
    // The same import run again, its earlier batches done: 30,000 components in its transaction.
    // The planner estimated a few components however many the import added, and the joins scanned
    // them all for every staged row: a re-run of a 600,000-row import stopped at its 406,000th row.
    const plans = await batchPlans(
      env,
      `INSERT INTO components (part_number, search_text) SELECT 'BIG-' || i, 'big-' || i FROM generate_series(0, 29999) i`,
    );
    expectIndexLookUps(plans);
  });
});
