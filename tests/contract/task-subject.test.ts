import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";

describe("what a task works on (Task.subject) and the history by supplier", () => {
  it("names an import's supplier, kind and file, a pricelist's source; tasks.list narrows to one supplier", async () => {
    const service = await startService();
    const client = createTasklaneClient({ url: service.url });
    const dir = await tempDir();
    const file = path.join(dir, "Прайс ACME 2026-12.csv");
    await writeFile(file, "PN;Price;Qty\nA-1;10;1\n");

    const acme = await client.submitAndWait("stockImport", { file, supplier: "ACME", kind: "stock" });
    expect(acme.subject).toEqual({ supplier: "ACME", kind: "stock", fileName: "Прайс ACME 2026-12.csv" });
    const rival = await client.submitAndWait("stockImport", { file, filename: "rival.csv", supplier: "Rival", kind: "competitor" });
    expect((await client.getTask(rival.id)).subject).toEqual({ supplier: "Rival", kind: "competitor", fileName: "rival.csv" });
    const pricelist = await client.submitAndWait("pricelistCreate", { source: "warehouse" });
    expect(pricelist.subject).toEqual({ source: "warehouse" });
    expect((await client.submitAndWait("recalculate", {})).subject).toEqual({});

    const listed = await client.listTasks({ supplier: "ACME" });
    expect(listed.items.map((t) => t.id)).toEqual([acme.id]);
    expect((await client.listTasks({ supplier: "Rival", type: "stockImport" })).items.map((t) => t.id)).toEqual([rival.id]);
    expect((await client.listTasks({ supplier: "Nobody" })).items).toEqual([]);
    expect((await client.listTasks({})).items).toHaveLength(4);
  });
});
