import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";
import { TasklaneRequestError, createTasklaneClient } from "../src/index.ts";

/** Each test starts the real service and runs real imports: more than the project's default 5 s. */
const SLOW = { timeout: 60_000 };

/** Five components from one supplier; two of them named "Диск" for the search. */
const STOCK = [
  "Артикул;Наименование;Цена;Остаток",
  "A-1;Диск SSD 1 ТБ;100;3",
  "B-2;Память DDR5;200;1",
  "C-3;Диск HDD 4 ТБ;80;2",
  "D-4;Кабель;5;10",
  "E-5;Блок питания;60;4",
].join("\n");

/**
 * The real service with a supplier's rows imported, prices recalculated and two pricelists made
 * (estimate, then warehouse). `requests` counts what reached the service over HTTP.
 */
async function priced() {
  const { url } = await startService();
  const requests: string[] = [];
  const client = createTasklaneClient({
    url,
    fetch: (input, init) => {
      requests.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    },
  });
  const file = path.join(await tempDir(), "ocean.csv");
  await writeFile(file, `${STOCK}\n`);
  await client.submitAndWait("stockImport", { file, supplier: "Ocean", kind: "stock" });
  await client.submitAndWait("recalculate", {});
  const estimate = await client.submitAndWait("pricelistCreate", { source: "estimate" });
  const warehouse = await client.submitAndWait("pricelistCreate", { source: "warehouse" });
  return { client, requests, estimate: estimate.result.pricelistId, warehouse: warehouse.result.pricelistId };
}

describe("the pricing reads: components, pricelists and a pricelist's rows", SLOW, () => {
  it("listComponents pages by cursor, searches part numbers and names, and gives prices and dates as set", async () => {
    const { client } = await priced();
    const first = await client.listComponents({ limit: 3 });
    expect(first.items.map((c) => c.partNumber)).toEqual(["A-1", "B-2", "C-3"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await client.listComponents({ limit: 3, cursor: first.nextCursor! });
    expect(rest).toMatchObject({ items: [{ partNumber: "D-4" }, { partNumber: "E-5" }], nextCursor: null });
    expect(first.items[0]).toMatchObject({ name: "Диск SSD 1 ТБ", price: 100 });
    expect(first.items[0]!.priceUpdatedAt).toBeInstanceOf(Date);

    expect((await client.listComponents({ search: "диск" })).items.map((c) => c.partNumber)).toEqual(["A-1", "C-3"]);
    expect((await client.listComponents({ search: "e-5" })).items.map((c) => c.name)).toEqual(["Блок питания"]);
  });

  it("listPricelists: newest first, by source, a page at a time", async () => {
    const { client, estimate, warehouse } = await priced();
    const all = await client.listPricelists();
    expect(all.items.map((p) => [p.id, p.source, p.rowCount])).toEqual([
      [warehouse, "warehouse", 5],
      [estimate, "estimate", 5],
    ]);
    expect(all.items[0]!.createdAt).toBeInstanceOf(Date);
    expect((await client.listPricelists({ source: "estimate" })).items.map((p) => p.id)).toEqual([estimate]);
    const page = await client.listPricelists({ limit: 1 });
    expect(page.items.map((p) => p.id)).toEqual([warehouse]);
    const next = await client.listPricelists({ limit: 1, cursor: page.nextCursor! });
    expect(next).toMatchObject({ items: [{ id: estimate }], nextCursor: null });
  });

  it("getPricelist: the pricelist and its rows, page after page", async () => {
    const { client, warehouse } = await priced();
    const first = await client.getPricelist({ id: warehouse, limit: 2 });
    expect(first.pricelist).toMatchObject({ id: warehouse, source: "warehouse", rowCount: 5 });
    expect(first.rows.map((r) => [r.partNumber, r.price, r.quantity])).toEqual([
      ["A-1", 100, 3],
      ["B-2", 200, 1],
    ]);
    const rows = [...first.rows];
    for (let cursor = first.nextCursor; cursor !== null;) {
      const page = await client.getPricelist({ id: warehouse, limit: 2, cursor });
      rows.push(...page.rows);
      cursor = page.nextCursor;
    }
    expect(rows.map((r) => r.partNumber)).toEqual(["A-1", "B-2", "C-3", "D-4", "E-5"]);
  });

  it("answers with TasklaneRequestError: NOT_FOUND for an unknown pricelist, BAD_REQUEST naming a made-up cursor", async () => {
    const { client } = await priced();
    const missing = await client.getPricelist({ id: randomUUID() }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TasklaneRequestError);
    expect(missing).toMatchObject({ code: "NOT_FOUND", httpStatus: 404, reason: null });
    for (const call of [() => client.listComponents({ cursor: "made-up" }), () => client.listPricelists({ cursor: "made-up" })]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TasklaneRequestError);
      expect(error).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
      expect(Object.keys((error as TasklaneRequestError).fieldErrors ?? {})).toEqual(["cursor"]);
    }
  });

  // The web page relies on this: its panels' reads of one render go out as one request.
  it("reads asked for in the same tick share one request", async () => {
    const { client, requests, warehouse } = await priced();
    requests.length = 0;
    const [components, pricelists, page] = await Promise.all([
      client.listComponents({ search: "диск" }),
      client.listPricelists(),
      client.getPricelist({ id: warehouse }),
    ]);
    expect([components.items.length, pricelists.items.length, page.rows.length]).toEqual([2, 2, 5]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain("/trpc/components.list,pricelists.list,pricelists.get?batch=1");
  });
});
