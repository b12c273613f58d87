import { describe, expect, it } from "vitest";
import { clearStaging, listComponents, migratePricing } from "../src/index.ts";
import { sql } from "kysely";
import { dialects, rows, stagingCount, testEnv } from "./helpers/env.ts";
import { seed } from "./helpers/seed.ts";

describe.each(dialects)("%s", (dialect) => {
  describe("listComponents", () => {
    it("pages by part number with an opaque cursor", async () => {
      const env = await testEnv(dialect);
      const pns = Array.from({ length: 23 }, (_, i) => `C${String(i).padStart(3, "0")}`);
      await seed(env, "A", "stock", [...pns].reverse().map((pn) => ({ pn, price: 1, qty: 1 })));
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
      expect(ids.map((r) => r.id)).toEqual(dialect === "sqlite" ? ["pricing/001-initial", "pricing/002-staged-search-text"] : ["pricing/001-initial"]);
    });

    it("applies migrations once when processes start together", async () => {
      const env = await testEnv(dialect);
      await Promise.all([migratePricing(env.db), migratePricing(env.db), migratePricing(env.db)]);
      const ids = await rows(env.db, sql<{ id: string }>`SELECT id FROM migrations`);
      expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length);
    });

    it("clearStaging removes rows left by a process that died", async () => {
      const env = await testEnv(dialect);
      await env.db.kysely
        .insertInto("import_staging")
        .values({ import_id: "dead", row_number: 2, part_number: "X", price: 1, search_text: "x\n", vendor: null, name: null, quantity: null })
        .execute();
      await clearStaging(env.db);
      expect(await stagingCount(env.db)).toBe(0);
    });
  });
});
