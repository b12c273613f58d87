import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";
import { TasklaneRequestError, createTasklaneClient } from "../src/index.ts";

/** Each test starts the real service (worker threads, a SQLite file): more than the project's default 5 s. */
const SLOW = { timeout: 60_000 };

/** Two price columns: detection prefers the recommended retail price (РРЦ) over the dealer's. */
const TWO_PRICES = "Артикул;Наименование;Цена дилера;РРЦ;Остаток\nA-1;Диск;100;150;3\nB-2;Память;200;260;1\n";

async function setup() {
  const { url } = await startService();
  const client = createTasklaneClient({ url });
  const dir = await tempDir();
  const file = async (name: string, text: string | Buffer) => {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return p;
  };
  return { client, file };
}

describe("inspecting a stock file before importing it", SLOW, () => {
  it("uploads a path first and shows how it would be read: the chosen price column, the other one as an alternative", async () => {
    const { client, file } = await setup();
    const preview = await client.inspectFile({ file: await file("ocean.csv", TWO_PRICES) });
    expect(preview).toMatchObject({ filename: "ocean.csv", format: "csv", mappingSource: "detected", error: null });
    const [sheet] = preview.sheets;
    expect(sheet).toMatchObject({ read: true, headerRow: 1, problem: null });
    const price = sheet!.fields.find((f) => f.field === "price")!;
    expect(price.chosen).toMatchObject({ position: 4, header: "РРЦ" });
    expect(price.alternatives.map((a) => a.header)).toEqual(["Цена дилера"]);
    expect(sheet!.rows.map((r) => [r.partNumber, r.price])).toEqual([
      ["A-1", 150],
      ["B-2", 260],
    ]);
    expect(preview.mapping.columns?.price).toBe("РРЦ");
  });

  it("with a mapping, by an earlier upload's id, reads the column the mapping names", async () => {
    const { client, file } = await setup();
    const { uploadId } = await client.uploadFile(await file("ocean.csv", TWO_PRICES));
    const preview = await client.inspectFile({ uploadId, mapping: { columns: { price: "Цена дилера" } } });
    expect(preview.mappingSource).toBe("given");
    expect(preview.sheets[0]!.rows.map((r) => r.price)).toEqual([100, 200]);
    // By position as well: column C.
    const byPosition = await client.inspectFile({ uploadId, mapping: { columns: { price: 3 } } });
    expect(byPosition.sheets[0]!.rows.map((r) => r.price)).toEqual([100, 200]);
  });

  it("answers the SDK's errors: NOT_FOUND for an unknown upload, UNPROCESSABLE_CONTENT for a file it cannot read", async () => {
    const { client, file } = await setup();
    const unknown = await client.inspectFile({ uploadId: randomUUID() }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(TasklaneRequestError);
    expect(unknown).toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });

    // An old binary Excel file (.xls): the compound-document signature, then nothing readable.
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const unreadable = await client.inspectFile({ file: await file("old.xls", xls) }).catch((e: unknown) => e);
    expect(unreadable).toBeInstanceOf(TasklaneRequestError);
    expect(unreadable).toMatchObject({ code: "UNPROCESSABLE_CONTENT", httpStatus: 422 });
    expect((unreadable as Error).message).toMatch(/\.xls/);
  });
});

describe("a supplier's mapping", SLOW, () => {
  it("is used as given, remembered, used for the supplier's next file, listed, and forgotten", async () => {
    const { client, file } = await setup();
    const first = await client.submitAndWait("stockImport", {
      file: await file("ocean-1.csv", TWO_PRICES),
      supplier: "Ocean",
      kind: "stock",
      mapping: { columns: { price: "Цена дилера" } },
      saveMapping: true,
    });
    expect(first.result).toMatchObject({ imported: 2, rowsBefore: 0, rowsAfter: 2 });
    expect(first.result.mapping).toMatchObject({ source: "given", saved: true, used: { columns: { price: "Цена дилера" } } });

    const [ocean] = (await client.listSuppliers()).items;
    expect(ocean).toMatchObject({ name: "Ocean", kind: "stock", offers: 2, mapping: { columns: { price: "Цена дилера" } } });
    expect(ocean!.lastImportedAt).toBeInstanceOf(Date);
    expect(ocean!.mappingSavedAt).toBeInstanceOf(Date);

    // The next file, with no mapping given: the saved one reads it, in the preview and the import.
    const next = await file("ocean-2.csv", "Артикул;Наименование;Цена дилера;РРЦ;Остаток\nC-3;Кабель;10;15;7\n");
    const preview = await client.inspectFile({ file: next, supplier: "Ocean" });
    expect(preview.mappingSource).toBe("saved");
    expect(preview.sheets[0]!.rows.map((r) => r.price)).toEqual([10]);
    const second = await client.submitAndWait("stockImport", { file: next, supplier: "Ocean", kind: "stock" });
    expect(second.result.mapping).toMatchObject({ source: "saved", saved: false });
    expect(second.result).toMatchObject({ rowsBefore: 2, rowsAfter: 1 });

    // The same name as a competitor is another entry with its own (no) mapping.
    expect((await client.listSuppliers({ kind: "competitor" })).items).toEqual([]);

    const forgotten = await client.setSupplierMapping({ name: "Ocean", kind: "stock", mapping: null });
    expect(forgotten).toMatchObject({ name: "Ocean", mapping: null, mappingSavedAt: null });
    const detected = await client.inspectFile({ file: next, supplier: "Ocean" });
    expect(detected.mappingSource).toBe("detected");
    expect(detected.sheets[0]!.rows.map((r) => r.price)).toEqual([15]);
  });

  it("can be set before any import; a wrong one answers BAD_REQUEST with the field named", async () => {
    const { client } = await setup();
    const saved = await client.setSupplierMapping({
      name: "Pacific",
      kind: "competitor",
      mapping: { headerRow: 2, columns: { vendor: null } },
    });
    expect(saved).toMatchObject({ name: "Pacific", kind: "competitor", mapping: { headerRow: 2, columns: { vendor: null } } });
    const wrong = await client
      .setSupplierMapping({ name: "Pacific", kind: "competitor", mapping: { headerRow: 0 } })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: "BAD_REQUEST" });
  });
});
