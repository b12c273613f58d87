import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import type { AppRouter } from "@tasklane/server";
import { TRPCClientError, createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";

/** A dealer's list with two price columns, below a title: detection reads РРЦ, a person may want the dealer's price. */
const LIST = 'Прайс-лист ООО "Ромашка"\n\nАртикул;Наименование;Цена дилера;РРЦ;Остаток\nA-1;Сервер;80;100;2\nA-2;Диск;40;50;1\n';
/** The same supplier's next month, its columns moved. */
const NEXT = "Артикул;РРЦ;Наименование;Остаток;Цена дилера\nA-1;110;Сервер;2;85\nA-3;30;Кабель;9;20\n";

async function setup() {
  const service = await startService();
  const client = createTasklaneClient({ url: service.url });
  const trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${service.url}/trpc`, transformer: superjson })] });
  const dir = await tempDir();
  const upload = async (name: string, text: string | Buffer) => {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return (await client.uploadFile(p)).uploadId;
  };
  const prices = async () => {
    const rows = await service.db.kysely
      .selectFrom("offers")
      .innerJoin("components", "components.id", "offers.component_id")
      .select(["part_number", "offers.price"])
      .where("supplier", "=", "Ромашка")
      .orderBy("part_number")
      .execute();
    return rows.map((r) => [r.part_number, Number(r.price)]);
  };
  return { client, trpc, upload, prices };
}

describe("preview, mapping and a supplier's saved mapping through the running service", () => {
  it("previews a file, imports it with the price column a person chose, remembers it, and reads the next file the same way", async () => {
    const { client, trpc, upload, prices } = await setup();
    const first = await upload("march.csv", LIST);
    const preview = await trpc.uploads.inspect.query({ uploadId: first, supplier: "Ромашка" });
    expect(preview).toMatchObject({ uploadId: first, filename: "march.csv", format: "csv", mappingSource: "detected", error: null });
    const [sheet] = preview.sheets;
    expect(sheet).toMatchObject({ headerRow: 3, complete: true, rowsRead: 5 });
    const price = sheet!.fields.find((f) => f.field === "price")!;
    expect(price.chosen).toMatchObject({ position: 4, header: "РРЦ" });
    expect(price.alternatives).toEqual([expect.objectContaining({ position: 3, header: "Цена дилера" })]);
    expect(sheet!.rows.map((r) => [r.partNumber, r.price])).toEqual([
      ["A-1", 100],
      ["A-2", 50],
    ]);

    // The person picks the dealer's price: the preview follows, then the import.
    const mapping = { ...preview.mapping, columns: { ...preview.mapping.columns, price: "Цена дилера" } };
    const mapped = await trpc.uploads.inspect.query({ uploadId: first, supplier: "Ромашка", mapping });
    expect(mapped.sheets[0]!.rows.map((r) => r.price)).toEqual([80, 40]);
    const done = await client.submitAndWait("stockImport", {
      uploadId: first,
      supplier: "Ромашка",
      kind: "stock",
      mapping,
      saveMapping: true,
    });
    expect(done.result).toMatchObject({ imported: 2, rowsBefore: 0, rowsAfter: 2, mapping: { source: "given", saved: true } });
    expect(await prices()).toEqual([
      ["A-1", 80],
      ["A-2", 40],
    ]);

    const { items } = await trpc.suppliers.list.query({});
    expect(items).toEqual([
      expect.objectContaining({
        name: "Ромашка",
        kind: "stock",
        offers: 2,
        mapping: expect.objectContaining({ columns: expect.objectContaining({ price: "Цена дилера" }) }),
      }),
    ]);

    // Next month: no choosing again.
    const second = await upload("april.csv", NEXT);
    const nextPreview = await trpc.uploads.inspect.query({ uploadId: second, supplier: "Ромашка" });
    expect(nextPreview.mappingSource).toBe("saved");
    expect(nextPreview.sheets[0]!.rows.map((r) => r.price)).toEqual([85, 20]);
    const next = await client.submitAndWait("stockImport", { uploadId: second, supplier: "Ромашка", kind: "stock" });
    expect(next.result).toMatchObject({ imported: 2, rowsBefore: 2, rowsAfter: 2, mapping: { source: "saved", saved: false } });
    expect(await prices()).toEqual([
      ["A-1", 85],
      ["A-3", 20],
    ]);

    const forgotten = await trpc.suppliers.setMapping.mutate({ name: "Ромашка", kind: "stock", mapping: null });
    expect(forgotten).toMatchObject({ name: "Ромашка", mapping: null, offers: 2 });
    expect((await trpc.uploads.inspect.query({ uploadId: second, supplier: "Ромашка" })).mappingSource).toBe("detected");
  });

  it("answers 404 for an unknown upload, 422 for an unreadable file, 400 for a malformed mapping, and says why a mapping does not fit", async () => {
    const { trpc, upload } = await setup();
    const code = (error: unknown) =>
      error instanceof TRPCClientError ? [(error as TRPCClientError<AppRouter>).data?.httpStatus, error.message] : error;
    const missing = await trpc.uploads.inspect.query({ uploadId: "00000000-0000-4000-8000-000000000000" }).catch(code);
    expect(missing).toEqual([404, expect.stringContaining("No upload with id 00000000-0000-4000-8000-000000000000")]);
    const xls = await upload("old.xls", Buffer.from("d0cf11e0a1b11ae1000000000000000000000000000000003e000300feff0900", "hex"));
    expect(await trpc.uploads.inspect.query({ uploadId: xls }).catch(code)).toEqual([
      422,
      expect.stringContaining("old Excel 97-2003 workbook"),
    ]);
    const list = await upload("list.csv", LIST);
    const wrong = await trpc.uploads.inspect.query({ uploadId: list, mapping: { columns: { price: "Цена закупки" } } });
    expect(wrong.error).toBe('No row in the first 50 has the mapping\'s headers "Цена закупки".');
    expect(await trpc.uploads.inspect.query({ uploadId: list, mapping: { headerRow: 0 } }).catch(code)).toEqual([400, expect.any(String)]);
  });
});
