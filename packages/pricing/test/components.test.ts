import { describe, expect, it } from "vitest";
import { type Migration, type SqlDialect, applyMigrations, listComponents, migratePricing } from "../src/index.ts";
import { sql } from "kysely";
import { dialects, rows, testEnv } from "./helpers/env.ts";
import { seed } from "./helpers/seed.ts";

/** PostgreSQL's tables began with the staged search text, so 002 has nothing to do there. */
const PRICING_MIGRATIONS: Record<SqlDialect, string[]> = {
  sqlite: ["pricing/001-initial", "pricing/002-staged-search-text", "pricing/004-suppliers", "pricing/005-no-shared-staging"],
  postgres: [
    "pricing/001-initial",
    "pricing/003-staging-autovacuum",
    "pricing/004-suppliers",
    "pricing/005-no-shared-staging",
    "pricing/006-offers-without-fk-trigger",
    "pricing/007-offers-without-id",
    "pricing/008-offers-without-component-index",
  ],
};

describe.each(dialects)("%s", (dialect) => {
  describe("listComponents", () => {
    it("pages by part number with an opaque cursor", async () => {
      const env = await testEnv(dialect);
      const pns = Array.from({ length: 23 }, (_, i) => `C${String(i).padStart(3, "0")}`);
      await seed(
        env,
        "A",
        "stock",
        [...pns].reverse().map((pn) => ({ pn, price: 1, qty: 1 })),
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listComponents(env.db, { limit: 10, cursor });
        seen.push(...page.items.map((c) => c.partNumber));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(seen).toEqual(pns);
      expect(pages).toBe(3);
      expect((await listComponents(env.db, {})).items[0]).toEqual({
        partNumber: "C000",
        vendor: null,
        name: null,
        category: null,
        price: null,
        priceUpdatedAt: null,
      });
    });

    it("searches part numbers and names in any case, Cyrillic included", async () => {
      const env = await testEnv(dialect);
      await seed(env, "A", "stock", [
        { pn: "ab-100", price: 1, name: "Кабель ЭКРАНИРОВАННЫЙ" },
        { pn: "ZX-1", price: 1, name: "Ёлочный переходник" },
        { pn: "kab-7", price: 1, name: "Mouse" },
      ]);
      const find = async (search: string) => (await listComponents(env.db, { search })).items.map((c) => c.partNumber);
      expect(await find("кабель")).toEqual(["AB-100"]);
      expect(await find("экранированный")).toEqual(["AB-100"]);
      expect(await find("ЁЛОЧ")).toEqual(["ZX-1"]);
      expect(await find("KAB")).toEqual(["KAB-7"]);
      expect(await find("mouse")).toEqual(["KAB-7"]);
      expect(await find("100%")).toEqual([]);
      expect(await find("  ")).toHaveLength(3);
    });
  });

  describe("migrations and staging", () => {
    it("runs each migration once and records it under pricing/", async () => {
      const env = await testEnv(dialect);
      await migratePricing(env.db);
      const ids = await rows(env.db, sql<{ id: string }>`SELECT id FROM migrations ORDER BY id`);
      expect(ids.map((r) => r.id)).toEqual(PRICING_MIGRATIONS[dialect]);
    });

    it("applies migrations once when two processes start together, and again as a no-op", async () => {
      const env = await testEnv(dialect, { migrated: false });
      const [first, second] = [env.db, await env.connect()];
      await Promise.all([migratePricing(first), migratePricing(second), migratePricing(first)]);
      await migratePricing(second);
      const ids = (await rows(first, sql<{ id: string }>`SELECT id FROM migrations ORDER BY id`)).map((r) => r.id);
      expect(ids).toEqual(PRICING_MIGRATIONS[dialect]);
      await seed({ ...env, db: second }, "A", "stock", [{ pn: "P", price: 1, qty: 1 }]);
      expect((await listComponents(first, {})).items.map((c) => c.partNumber)).toEqual(["P"]);
    });

    it("applyMigrations runs another package's list once, statement by statement, from two connections at once", async () => {
      const env = await testEnv(dialect, { migrated: false });
      // A semicolon in a comment and in a string must not split a statement.
      const ddl = `
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT 'a; b');
        -- the index is optional; searches are rare
        CREATE INDEX notes_by_body ON notes (body); /* trailing; comment */`;
      const list: Migration[] = [
        { id: "notes/001-initial", sqlite: ddl, postgres: ddl },
        { id: "notes/002-sqlite-only", sqlite: "SELECT 1" },
      ];
      const second = await env.connect();
      await Promise.all([applyMigrations(env.db, list), applyMigrations(second, list)]);
      await applyMigrations(second, list);
      const ids = (await rows(env.db, sql<{ id: string }>`SELECT id FROM migrations ORDER BY id`)).map((r) => r.id);
      expect(ids).toEqual(dialect === "sqlite" ? ["notes/001-initial", "notes/002-sqlite-only"] : ["notes/001-initial"]);
      await sql`INSERT INTO notes (id) VALUES (1)`.execute(env.db.kysely);
      expect(await rows(env.db, sql<{ body: string }>`SELECT body FROM notes`)).toEqual([{ body: "a; b" }]);
    });
  });
});
