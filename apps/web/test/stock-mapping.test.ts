import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";
import { rawXlsx } from "@tasklane/testing/files";
import { artifacts, sharedChromium } from "./chromium.ts";

/**
 * "Inspect before import" and "Mapping" (issue 12) in real headless Chromium against the real
 * service: the preview of a chosen file, a changed price column, an import with it remembered
 * for the supplier, and the supplier's next file read the same way without choosing again.
 */

const browser = sharedChromium();

/** A real HiWatch price list from the shared corpus: several sheets, a header below a title row. */
const HIWATCH = path.resolve(import.meta.dirname, "../../../../shared/corpus/xlsx/elm__77a491__HiWatch CCTV прайс-лист_v.9.xlsx");

interface Item {
  pn: string;
  dealer: number;
  retail: number;
  qty: number;
}

/**
 * A supplier's price list as suppliers write them: a title row, the header on row 2, two price
 * columns (detection reads the recommended retail price, РРЦ; this supplier's prices are the
 * dealer's), and a row without a price.
 */
async function priceList(name: string, items: Item[]): Promise<string> {
  const file = path.join(await tempDir(), name);
  const rows = [
    { r: 1, cells: ["Прайс-лист ООО «Океан» на 01.12.2026"] },
    { r: 2, cells: ["Артикул", "Наименование", "Производитель", "Цена дилера", "РРЦ", "Остаток"] },
    ...items.map((item, i) => ({ r: i + 3, cells: [item.pn, `Товар ${item.pn}`, "Intel", item.dealer, item.retail, item.qty] })),
    { r: items.length + 3, cells: ["OC-0", "Нет в продаже", "Intel", null, null, 0] },
  ];
  await writeFile(file, await rawXlsx({ rows: rows.map(rowXml) }));
  return file;
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A sheet row as OOXML: numbers as numbers, text as inline strings, null as no cell. */
function rowXml({ r, cells }: { r: number; cells: (string | number | null)[] }): string {
  const xml = cells.map((cell, i) => {
    const ref = `${String.fromCharCode(65 + i)}${r}`;
    if (cell === null) return "";
    if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
    return `<c r="${ref}" t="inlineStr"><is><t>${xmlText(cell)}</t></is></c>`;
  });
  return `<row r="${r}">${xml.join("")}</row>`;
}

const preview = (page: Page) => page.getByRole("region", { name: /^Preview of / });
const priceSelect = (page: Page) => preview(page).getByLabel("Price column");
const selectedText = (page: Page) => priceSelect(page).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent);
const firstRowPrices = (page: Page) =>
  preview(page)
    .locator(".preview-rows tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.querySelector("td:last-child")?.textContent));
const toast = (page: Page, title: string) => page.locator("[data-sonner-toast]", { hasText: title });
/** The import this page submitted last, under the form. */
const submitted = (page: Page, text: string) => page.locator(".submitted-task", { hasText: text });
/** This file reads the English texts: the page is told so rather than left to the browser's language. */
const inEnglish = (page: Page) => page.addInitScript(() => localStorage.setItem("tasklane.language", "en"));

describe("inspect before import, and a supplier's mapping, in a real browser", () => {
  it("previews the file, imports with the price column chosen, remembers it, and reads the next file the same way", async () => {
    const service = await startService({ webRoot: browser.dist });
    const client = createTasklaneClient({ url: service.url });
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await inEnglish(page);
    await page.goto(service.url);
    await page.locator("#recent-tasks").getByText("No tasks yet").waitFor({ state: "attached" });

    const first: Item[] = [1, 2, 3, 4, 5].map((i) => ({ pn: `OC-${i}`, dealer: 100 + i, retail: 150 + i, qty: i }));
    await page.getByLabel("Supplier", { exact: true }).fill("Ocean");
    await page.getByLabel("File", { exact: true }).setInputFiles(await priceList("ocean-1.xlsx", first));

    // The preview: the header row and why, the detected price column with the other as a candidate.
    await preview(page).waitFor({ timeout: 60_000 });
    await preview(page).getByText("Read as detected from the file's headers.").waitFor();
    expect(await preview(page).getByLabel("Header row").inputValue()).toBe("2");
    expect(await selectedText(page)).toBe("E · РРЦ");
    const options = await priceSelect(page).locator("option").allTextContents();
    expect(options).toContain("D · Цена дилера (also a candidate)");
    expect(
      await preview(page)
        .getByLabel("Part number column")
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
    ).toBe("A · Артикул");
    expect(await firstRowPrices(page)).toEqual(["151", "152", "153", "154", "155"]);
    await preview(page)
      .getByText(/^Row 8: /)
      .waitFor();
    await page.screenshot({ path: path.join(artifacts, "web-preview.png"), fullPage: true });

    // Another price column: the preview is read again with it.
    await priceSelect(page).selectOption({ label: "D · Цена дилера (also a candidate)" });
    await preview(page).getByText("Uses your choices below.").waitFor();
    await expect.poll(() => firstRowPrices(page), { timeout: 30_000 }).toEqual(["101", "102", "103", "104", "105"]);
    expect(await selectedText(page)).toBe("D · Цена дилера");

    // Import with it, remembered for the supplier.
    await page.getByLabel("Remember for this supplier").check();
    await page.getByRole("button", { name: "Import file" }).click();
    await toast(page, "Import a stock file: completed").waitFor({ timeout: 60_000 });
    expect(await toast(page, "Import a stock file: completed").innerText()).toContain("Imported 5 of 6 rows, skipped 1");
    await submitted(page, "supplier's rows 0 → 5").waitFor();
    // The form starts again as a whole: file, supplier and the remember box.
    expect(await page.getByLabel("Supplier", { exact: true }).inputValue()).toBe("");

    // The prices imported are the dealer's: a recalculation makes them the components' prices.
    await client.submitAndWait("recalculate", {});
    const prices = async () =>
      Object.fromEntries((await client.listComponents({ search: "OC-", limit: 100 })).items.map((c) => [c.partNumber, c.price]));
    expect(await prices()).toEqual({ "OC-1": 101, "OC-2": 102, "OC-3": 103, "OC-4": 104, "OC-5": 105 });

    // The supplier's mapping is saved, and listed.
    const [ocean] = (await client.listSuppliers({ kind: "stock" })).items;
    expect(ocean).toMatchObject({ name: "Ocean", offers: 5, mapping: { columns: { price: "Цена дилера" } } });
    const listed = page.locator("#suppliers tbody tr", { hasText: "Ocean" });
    await listed.getByText(/price “Цена дилера”/).waitFor();
    expect(await listed.getByRole("button", { name: "Forget mapping of Ocean" }).isVisible()).toBe(true);

    // The supplier's next file, with two rows: read with the saved mapping, nothing chosen.
    await page.getByLabel("Supplier", { exact: true }).fill("Ocean");
    await page.getByLabel("File", { exact: true }).setInputFiles(
      await priceList("ocean-2.xlsx", [
        { pn: "OC-1", dealer: 90, retail: 140, qty: 4 },
        { pn: "OC-6", dealer: 60, retail: 80, qty: 2 },
      ]),
    );
    await preview(page).getByText("Uses the mapping saved for Ocean.").waitFor({ timeout: 60_000 });
    await expect.poll(() => firstRowPrices(page), { timeout: 30_000 }).toEqual(["90", "60"]);
    expect(await selectedText(page)).toBe("D · Цена дилера");
    expect(await page.getByLabel("Remember for this supplier").isChecked()).toBe(false);
    await page.getByRole("button", { name: "Import file" }).click();
    await toast(page, "Imported 2 of 3 rows").waitFor({ timeout: 60_000 });

    // From 5 rows to 2: the page warns, in the task list and in the toast.
    const warning = submitted(page, "supplier's rows 5 → 2").locator(".task-warning");
    await warning.waitFor();
    expect(await warning.innerText()).toContain("The supplier's rows fell from 5 to 2");
    expect(await toast(page, "Imported 2 of 3 rows").innerText()).toContain("The supplier's rows fell from 5 to 2");

    const { items } = await client.listTasks({ type: "stockImport" });
    const newest = items[0]!;
    expect(newest.type === "stockImport" && newest.result?.mapping).toMatchObject({ source: "saved", saved: false });
    await client.submitAndWait("recalculate", {});
    expect(await prices()).toMatchObject({ "OC-1": 90, "OC-6": 60 });

    // Forgotten from the suppliers list: the next preview is detected again.
    await listed.getByRole("button", { name: "Forget mapping of Ocean" }).click();
    await listed.getByText("Detected each time").waitFor();
    expect((await client.listSuppliers()).items[0]!.mapping).toBeNull();

    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "web-mapping.png"), fullPage: true });
    await page.close();
  });

  it("shows each sheet of a real multi-sheet price list in a tab, and leaves a sheet out when it is unticked", async () => {
    const service = await startService({ webRoot: browser.dist });
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await inEnglish(page);
    await page.goto(service.url);
    await page.getByLabel("File", { exact: true }).setInputFiles(HIWATCH);

    const tabs = preview(page).getByRole("tablist", { name: "Sheets" }).getByRole("tab");
    await tabs.first().waitFor({ timeout: 60_000 });
    expect(await tabs.count()).toBeGreaterThanOrEqual(3);
    expect(await tabs.first().getAttribute("aria-selected")).toBe("true");
    const second = (await tabs.nth(1).innerText()).trim();

    // The tab pattern: an arrow key moves to the next sheet and its panel.
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    expect(await tabs.nth(1).getAttribute("aria-selected")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("tab");
    const panel = preview(page).getByRole("tabpanel");
    expect(await panel.getByLabel("Import this sheet").isChecked()).toBe(true);

    await panel.getByLabel("Import this sheet").uncheck();
    await preview(page).getByText("Uses your choices below.").waitFor();
    await tabs
      .nth(1)
      .filter({ hasText: `${second} (not imported)` })
      .waitFor();
    await page.screenshot({ path: path.join(artifacts, "web-preview-sheets.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
