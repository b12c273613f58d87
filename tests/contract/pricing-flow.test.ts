import { writeFile } from "node:fs/promises";
import path from "node:path";
import { TaskFailedError, createTasklaneClient } from "@tasklane/client";
import { pricelistExportPath } from "@tasklane/contract";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";

interface Offer {
  pn: string;
  price: number;
  qty: number;
}

/** What the rules say a component's price becomes: sum(price × qty) / sum(qty), 2 decimals. */
function weightedAverages(offers: Offer[]): Map<string, number> {
  const sums = new Map<string, { value: number; qty: number }>();
  for (const o of offers.filter((o) => o.qty > 0 && o.price > 0)) {
    const s = sums.get(o.pn) ?? { value: 0, qty: 0 };
    sums.set(o.pn, { value: s.value + o.price * o.qty, qty: s.qty + o.qty });
  }
  return new Map([...sums].map(([pn, s]) => [pn, Math.round((s.value / s.qty) * 100) / 100]));
}

const csv = (header: string, rows: string[]) => `${header}\n${rows.join("\n")}\n`;

async function setup() {
  const service = await startService();
  const client = createTasklaneClient({ url: service.url });
  const dir = await tempDir();
  const file = async (name: string, text: string) => {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return p;
  };
  return { service, client, file };
}

describe("upload, import, recalculate, pricelist and CSV through the running service", () => {
  it("computes what the rules say, checked against the test's own calculation", async () => {
    const { service, client, file } = await setup();
    const supplierA: Offer[] = [
      { pn: "PN-1", price: 100.1, qty: 2 },
      { pn: "PN-2", price: 50, qty: 0 },
      { pn: "PN-3", price: 10, qty: 5 },
    ];
    const supplierB: Offer[] = [
      { pn: "PN-1", price: 130, qty: 1 },
      { pn: "PN-3", price: 12, qty: 5 },
      { pn: "PN-4", price: 7.5, qty: 3 },
    ];
    // Russian headers, semicolons, decimal commas; a header on row 2; part numbers to normalise.
    const fileA = await file(
      "a.csv",
      "Остатки на складе;;;\n" +
        csv("Артикул;Наименование;Количество;Цена", [
          "pn-1 ;Процессор Intel Core i5;2;100,10",
          "PN-2;Память DDR5 16 ГБ;0;50",
          "PN-3;SSD 1 ТБ;5;10",
          ";пустой артикул;1;5",
          "PN-5;нет цены;1;abc",
        ]),
    );
    const a = await client.submitAndWait("stockImport", { file: fileA, supplier: "Альфа", kind: "stock" });
    expect(a.result).toMatchObject({ rowsTotal: 5, imported: 3, skipped: 2, componentsCreated: 3 });
    expect(a.result.skippedRows.map((r) => r.row)).toEqual([6, 7]);

    const fileB = await file("b.csv", csv("PN,Name,Vendor,Qty,Price", ["PN-1,,Intel,1,130", "PN-3,,,5,12", '"PN-4","Кабель, 2 м",,3,7.5']));
    const b = await client.submitAndWait("stockImport", { file: fileB, supplier: "Beta", kind: "stock" });
    expect(b.result).toMatchObject({ rowsTotal: 3, imported: 3, skipped: 0, componentsCreated: 1 });

    const fileC = await file("c.csv", csv("SKU;Price", ["PN-1;95", "PN-2;45"]));
    await client.submitAndWait("stockImport", { file: fileC, supplier: "Rival", kind: "competitor" });

    const recalc = await client.submitAndWait("recalculate", {});
    const expected = weightedAverages([...supplierA, ...supplierB]);
    expect(recalc.result).toEqual({ componentsTotal: 4, updated: expected.size, unchanged: 0, withoutOffers: 1 });
    const components = await client.listComponents({});
    expect(Object.fromEntries(components.items.map((c) => [c.partNumber, c.price]))).toEqual({
      "PN-1": expected.get("PN-1"),
      "PN-2": null,
      "PN-3": expected.get("PN-3"),
      "PN-4": expected.get("PN-4"),
    });
    expect(expected.get("PN-1")).toBe(110.07);

    const estimate = await client.submitAndWait("pricelistCreate", { source: "estimate" });
    const estimatePage = await client.getPricelist({ id: estimate.result.pricelistId });
    expect(estimatePage.pricelist).toMatchObject({ source: "estimate", taskId: estimate.id, rowCount: 3 });
    expect(estimatePage.rows.map((r) => [r.partNumber, r.price, r.quantity])).toEqual([
      ["PN-1", 110.07, null],
      ["PN-3", 11, null],
      ["PN-4", 7.5, null],
    ]);

    const warehouse = await client.submitAndWait("pricelistCreate", { source: "warehouse" });
    const warehouseRows = (await client.getPricelist({ id: warehouse.result.pricelistId })).rows;
    expect(warehouseRows.map((r) => [r.partNumber, r.price, r.quantity])).toEqual([
      ["PN-1", 100.1, 3],
      ["PN-3", 10, 10],
      ["PN-4", 7.5, 3],
    ]);

    const competitor = await client.submitAndWait("pricelistCreate", { source: "competitor" });
    expect(competitor.result.rows).toBe(2);

    const response = await fetch(`${service.url}/api/pricelists/${warehouse.result.pricelistId}/export-csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = (await response.text()).replace(/^\uFEFF/, "");
    const lines = text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("PN-1");
    expect(lines[1]).toContain("100.1");

    // In Russian: a semicolon CSV with decimal commas, and an .xlsx, each named for what it is.
    const day = new Date().toISOString().slice(0, 10);
    const ru = await fetch(`${service.url}${pricelistExportPath(warehouse.result.pricelistId, "csv", "ru")}`);
    expect(ru.headers.get("content-disposition")).toBe(`attachment; filename="pricelist-warehouse-${day}.csv"`);
    const [ruHeader, ruFirst] = (await ru.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(ruHeader).toBe("Артикул;Производитель;Наименование;Цена;Количество");
    expect(ruFirst).toBe("PN-1;Intel;Процессор Intel Core i5;100,1;3");
    const xlsx = await fetch(`${service.url}${pricelistExportPath(warehouse.result.pricelistId, "xlsx", "ru")}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("content-disposition")).toBe(`attachment; filename="pricelist-warehouse-${day}.xlsx"`);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");
    const badLang = await fetch(`${service.url}/api/pricelists/${warehouse.result.pricelistId}/export-xlsx?lang=de`);
    expect(badLang.status).toBe(400);
    expect(await badLang.text()).toContain("lang: must be one of ru, en");

    const listed = await client.listPricelists({});
    expect(listed.items.map((p) => p.source)).toEqual(["competitor", "warehouse", "estimate"]);

    // A second import of the same supplier replaces its rows, and only its rows.
    const again = await file("a2.csv", csv("PN;Price;Qty", ["PN-1;200;1"]));
    await client.submitAndWait("stockImport", { file: again, supplier: "Альфа", kind: "stock" });
    await client.submitAndWait("recalculate", {});
    const after = Object.fromEntries((await client.listComponents({})).items.map((c) => [c.partNumber, c.price]));
    expect(after["PN-1"]).toBe(weightedAverages([{ pn: "PN-1", price: 200, qty: 1 }, ...supplierB]).get("PN-1"));
    expect(after["PN-3"]).toBe(12);
  });

  it("a broken file ends the task as error with a clear text, and the previous rows stay", async () => {
    const { service, client, file } = await setup();
    const good = await file("good.csv", csv("PN;Price;Qty", ["X-1;10;1"]));
    await client.submitAndWait("stockImport", { file: good, supplier: "S", kind: "stock" });
    for (const [name, bytes, text] of [
      ["empty.xlsx", "", /empty/i],
      ["nocolumns.csv", "Name;Qty\nfoo;1\n", /part number/i],
      ["old.mxl", `MOXCEL\0${"\x01\x02\x03".repeat(40)}`, /xlsx/i],
    ] as const) {
      const failed = await client
        .submitAndWait("stockImport", { file: await file(name, bytes), supplier: "S", kind: "stock" })
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(TaskFailedError);
      expect((failed as TaskFailedError).task.error).toMatch(text);
    }
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    await client.submitAndWait("recalculate", {});
    expect((await client.listComponents({})).items).toMatchObject([{ partNumber: "X-1", price: 10 }]);
  });
});

describe("uploads", () => {
  it("answers 413 over the limit and keeps nothing", async () => {
    const service = await startService({ maxUploadBytes: 1000 });
    const form = new FormData();
    form.append("file", new Blob(["x".repeat(5000)]), "big.csv");
    const response = await fetch(`${service.url}/api/uploads`, { method: "POST", body: form });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("limit") } });
  });

  it("cuts off a streamed body with no length declared at the limit", async () => {
    const service = await startService({ maxUploadBytes: 1000 });
    const boundary = "----tasklane";
    const chunks = [
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`,
      "x".repeat(5000),
      `\r\n--${boundary}--\r\n`,
    ];
    const body = new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    const response = await fetch(`${service.url}/api/uploads`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(response.status).toBe(413);
  });

  it("answers 400 for a missing file field or a body that is not multipart, and 401 without a token", async () => {
    const service = await startService({ tokens: new Map([["t", "alice"]]) });
    const form = new FormData();
    form.append("document", new Blob(["a"]), "a.csv");
    const auth = { authorization: "Bearer t" };
    const wrongField = await fetch(`${service.url}/api/uploads`, { method: "POST", body: form, headers: auth });
    expect(wrongField.status).toBe(400);
    expect(await wrongField.json()).toMatchObject({ error: { message: expect.stringContaining("file") } });
    const notMultipart = await fetch(`${service.url}/api/uploads`, {
      method: "POST",
      body: "{}",
      headers: { ...auth, "content-type": "application/json" },
    });
    expect(notMultipart.status).toBe(400);
    expect((await fetch(`${service.url}/api/uploads`, { method: "POST", body: form })).status).toBe(401);
  });

  it("a stockImport naming an unknown upload, or another caller's, answers BAD_REQUEST on uploadId", async () => {
    const service = await startService({
      tokens: new Map([
        ["ta", "alice"],
        ["tb", "bob"],
      ]),
    });
    const alice = createTasklaneClient({ url: service.url, token: "ta" });
    const bob = createTasklaneClient({ url: service.url, token: "tb" });
    const { uploadId } = await alice.uploadFile(new Blob(["PN;Price\nA;1\n"]), { filename: "a.csv" });
    const error = await bob.submit.stockImport({ uploadId, supplier: "S", kind: "stock" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { uploadId: [expect.stringContaining("No upload")] } });
    const ok = await alice.submitAndWait("stockImport", { uploadId, supplier: "S", kind: "stock" });
    expect(ok.result.imported).toBe(1);
  });
});
