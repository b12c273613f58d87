import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { importStock } from "../src/index.ts";
import { BATCH_PLANNER_SETTINGS, createStagingTable } from "../src/import/postgres-staging.ts";
import { gapFillFrom } from "../src/import/upsert-components.ts";
import { dialects, testEnv, workContext } from "./helpers/env.ts";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

// SQLite upserts in file order (upsertInFileOrder) and has no such statement.
describe.skipIf(!dialects.includes("postgres"))("postgres: the gap update of an import's batch", () => {
  it("looks each staged row's component up by index in a catalogue autovacuum has not analyzed yet", async () => {
    const env = await testEnv("postgres");
    // Autovacuum analyzes a grown table within a minute or so; the plan must not wait for it.
    await sql`ALTER TABLE components SET (autovacuum_enabled = false)`.execute(env.db.kysely);
    // A stock file with neither names nor vendors (part number, price, quantity) creates a
    // catalogue of components that all lack them: the gap update's filter matches every one.
    const lines = Array.from({ length: 5_000 }, (_, i) => `BIG-${i};${(i % 500) + 1};1`);
    const filePath = env.file("catalogue.csv", `PN;Price;Qty\n${lines.join("\n")}\n`);
    await importStock(env.db, { filePath, supplier: "A", kind: "stock" }, workContext());

    const client = await env.db.pool!.connect();
    try {
      await client.query(createStagingTable("staged"));
      await client.query(
        `INSERT INTO staged SELECT i + 2, 'BIG-' || i, NULL, NULL, NULL, 1, 1, 'big-' || i FROM generate_series(0, 1999) i`,
      );
      // As the import's transaction runs it (postgres-staging.ts).
      await client.query("BEGIN");
      for (const setting of BATCH_PLANNER_SETTINGS) await client.query(setting);
      const statement = gapFillFrom(sql.raw("staged")).compile(env.db.kysely);
      const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement.sql}`);
      await client.query("ROLLBACK");
      const nodes = flatten(rows[0]!["QUERY PLAN"][0].Plan);
      // Planned freely, it scanned all 5,000 components for each of the 2,000 staged rows.
      expect(nodes.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"])).not.toContain("components");
      expect(nodes.some((n) => n["Node Type"] === "Index Scan" && n["Relation Name"] === "components")).toBe(true);
    } finally {
      client.release();
    }
  });
});
