import { describe, expect, it } from "vitest";
import { clearStaging, listComponents, migratePricing } from "../src/index.ts";
import { testEnv } from "./helpers/env.ts";
import { seed } from "./helpers/seed.ts";

describe("listComponents", () => {
  it("pages by part number with an opaque cursor", async () => {
    const env = testEnv();
    const pns = Array.from({ length: 23 }, (_, i) => `C${String(i).padStart(3, "0")}`);
    await seed(env, "A", "stock", [...pns].reverse().map((pn) => ({ pn, price: 1, qty: 1 })));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = listComponents(env.db, { limit: 10, cursor });
      seen.push(...page.items.map((c) => c.partNumber));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual(pns);
    expect(pages).toBe(3);
    expect(listComponents(env.db, {}).items[0]).toEqual({
      partNumber: "C000",
      vendor: null,
      name: null,
      category: null,
      price: null,
      priceUpdatedAt: null,
    });
  });

  it("searches part numbers and names in any case, Cyrillic included", async () => {
    const env = testEnv();
    await seed(env, "A", "stock", [
      { pn: "ab-100", price: 1, name: "Кабель ЭКРАНИРОВАННЫЙ" },
      { pn: "ZX-1", price: 1, name: "Ёлочный переходник" },
      { pn: "kab-7", price: 1, name: "Mouse" },
    ]);
    const find = (search: string) => listComponents(env.db, { search }).items.map((c) => c.partNumber);
    expect(find("кабель")).toEqual(["AB-100"]);
    expect(find("экранированный")).toEqual(["AB-100"]);
    expect(find("ЁЛОЧ")).toEqual(["ZX-1"]);
    expect(find("KAB")).toEqual(["KAB-7"]);
    expect(find("mouse")).toEqual(["KAB-7"]);
    expect(find("100%")).toEqual([]);
    expect(find("  ")).toHaveLength(3);
  });
});

describe("migrations and staging", () => {
  it("runs each migration once and records it under pricing/", () => {
    const env = testEnv();
    migratePricing(env.db);
    const ids = env.db.prepare("SELECT id FROM migrations ORDER BY id").all() as { id: string }[];
    expect(ids.map((r) => r.id)).toEqual(["pricing/001-initial"]);
  });

  it("clearStaging removes rows left by a process that died", () => {
    const env = testEnv();
    env.db
      .prepare("INSERT INTO import_staging (import_id, row_number, part_number, price) VALUES ('dead', 2, 'X', 1)")
      .run();
    clearStaging(env.db);
    expect(env.db.prepare("SELECT COUNT(*) AS n FROM import_staging").get()).toEqual({ n: 0 });
  });
});
