import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createTasklaneClient } from "@tasklane/client";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";
import { seriousViolations } from "./axe.ts";
import { artifacts, sharedChromium } from "./chromium.ts";
import { type Language, openPage as openPageIn } from "./open-page.ts";

/**
 * Issue 13 in real headless Chromium, in a browser whose language is Russian: the page's two
 * languages, its sections, the task just submitted in view at a desktop's and a phone's size,
 * toasts over the header rather than a table, the dark scheme, the pricelist's search, and
 * axe-core's check of every section in both languages.
 */

const browser = sharedChromium({ locale: "ru-RU" });

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Each language's words the test looks for: the page's own, from src/i18n. */
const WORDS = {
  en: {
    file: "File",
    supplier: "Supplier",
    submit: "Import file",
    import: "Import",
    tasks: "Tasks",
    pricelists: "Pricelists",
    search: "Search in this pricelist",
  },
  ru: {
    file: "Файл",
    supplier: "Поставщик",
    submit: "Загрузить файл",
    import: "Загрузка",
    tasks: "Задачи",
    pricelists: "Прайс-листы",
    search: "Поиск в этом прайс-листе",
  },
} as const satisfies Record<Language, Record<string, string>>;

/** A stock file: `rows` part numbers over 7 vendors (Vendor 0 … Vendor 6). */
async function stockCsv(name: string, rows: number): Promise<string> {
  const lines = ["PN;Name;Vendor;Qty;Price"];
  for (let i = 1; i <= rows; i++)
    lines.push(`PN-${String(i).padStart(6, "0")};Component ${i};Vendor ${i % 7};${(i % 40) + 1};${100 + (i % 900)}.50`);
  const file = path.join(await tempDir(), name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

const openPage = (url: string, language: Language, viewport: { width: number; height: number }, hash?: string) =>
  openPageIn(browser.context, url, language, viewport, hash);

/** The element's box lies wholly inside the viewport, as it is now (no scrolling by the test). */
async function inViewport(page: Page, selector: string) {
  const box = await page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    });
  const size = page.viewportSize()!;
  return { box, size, inside: box.top >= 0 && box.left >= 0 && box.bottom <= size.height && box.right <= size.width };
}

async function goTo(page: Page, section: string) {
  await page.locator("nav.sections").getByRole("link", { name: section, exact: true }).click();
}

describe("the page's languages, sections and schemes (issue 13)", () => {
  it("in Russian and English, at 1280x800 and 390x844: the import just submitted is in view with its bar, toasts keep off the data, axe is clean", async () => {
    const service = await startService({ webRoot: browser.dist });
    const client = createTasklaneClient({ url: service.url });
    const file = await stockCsv("stock.csv", 30_000);
    // A pricelist to search in: 1,500 rows, so its count shows a thousands separator.
    await client.submitAndWait("stockImport", { file: await stockCsv("seed.csv", 1_500), supplier: "Seed", kind: "stock" });
    await client.submitAndWait("recalculate", {});
    await client.submitAndWait("pricelistCreate", { source: "warehouse" });

    for (const language of ["ru", "en"] as const) {
      const words = WORDS[language];
      for (const viewport of VIEWPORTS) {
        const label = `${language}-${viewport.name}`;
        const page = await openPage(service.url, language, viewport);
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));

        // A chosen file's preview makes the form long; the submit then leaves it short again.
        await page.getByLabel(words.file, { exact: true }).setInputFiles(file);
        await page.getByLabel(words.supplier, { exact: true }).fill(`Supplier ${label}`);
        await page.getByRole("region", { name: /^(Preview of|Предпросмотр)/ }).waitFor({ timeout: 60_000 });
        await page.getByRole("button", { name: words.submit }).click();

        const card = page.locator(".submitted-task progress");
        await card.waitFor({ timeout: 30_000 });
        const bar = await inViewport(page, ".submitted-task progress");
        expect(bar.inside, `${label}: the bar at ${JSON.stringify(bar.box)} in ${JSON.stringify(bar.size)}`).toBe(true);
        await page.screenshot({ path: path.join(artifacts, `layout-import-${label}.png`) });

        // The form starts again as one: no supplier left beside an empty file box.
        expect(await page.getByLabel(words.file, { exact: true }).inputValue()).toBe("");
        expect(await page.getByLabel(words.supplier, { exact: true }).inputValue()).toBe("");

        // Its end: the card says so, and the toast lies over the sticky header, not over a table.
        await page.locator('.submitted-task [data-status="completed"]').waitFor({ timeout: 60_000 });
        const toast = page.locator("[data-sonner-toast]").first();
        await toast.waitFor();
        await page.waitForTimeout(500); // sonner's entrance animation
        const toastBox = (await toast.boundingBox())!;
        const headerBox = (await page.locator(".masthead").boundingBox())!;
        expect(
          toastBox.y + toastBox.height,
          `${label}: toast ${JSON.stringify(toastBox)}, header ${JSON.stringify(headerBox)}`,
        ).toBeLessThanOrEqual(headerBox.y + headerBox.height + 1);
        await page.screenshot({ path: path.join(artifacts, `layout-toast-${label}.png`) });
        await toast.getByRole("button").first().click();
        expect(await seriousViolations(page), `${label}: import`).toEqual([]);

        // The pricelist: a search narrows the rows, the vendor filter and a sort order work on them.
        await goTo(page, words.pricelists);
        expect(new URL(page.url()).hash).toBe("#pricelists");
        const rows = page.locator("#pricelist-view tbody tr");
        await rows.nth(49).waitFor();
        await page.getByLabel(words.search).fill("pn-00012");
        await expect.poll(() => rows.count()).toBe(10); // PN-000120 … PN-000129, in any case
        expect(await rows.allInnerTexts()).toEqual(Array.from({ length: 10 }, (_, i): unknown => expect.stringContaining(`PN-00012${i}`)));
        await page.getByLabel(words.search).fill("");
        await page.getByLabel(language === "en" ? "Vendor" : "Производитель", { exact: true }).selectOption("Vendor 3");
        await expect.poll(() => rows.allInnerTexts().then((texts) => texts.every((text) => text.includes("Vendor 3")))).toBe(true);
        expect(await rows.count()).toBe(50);
        await page.screenshot({ path: path.join(artifacts, `layout-pricelist-${label}.png`), fullPage: viewport.name === "phone" });
        expect(await seriousViolations(page), `${label}: pricelists`).toEqual([]);

        // The other sections, for axe.
        for (const section of [words.tasks, language === "en" ? "Prices" : "Цены"]) {
          await goTo(page, section);
          expect(await seriousViolations(page), `${label}: ${section}`).toEqual([]);
        }
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });

  it("follows the browser's Russian until English is chosen, keeps the choice, formats numbers in it, sorts, and follows the dark scheme", async () => {
    const service = await startService({ webRoot: browser.dist });
    const client = createTasklaneClient({ url: service.url });
    await client.submitAndWait("stockImport", { file: await stockCsv("seed.csv", 1_500), supplier: "Seed", kind: "stock" });
    await client.submitAndWait("pricelistCreate", { source: "warehouse" });

    // The browser asks for Russian (ru-RU) and nothing was chosen here yet.
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${service.url}/#pricelists`);
    await page.evaluate(() => localStorage.removeItem("tasklane.language"));
    await page.reload();
    await page.locator('html[lang="ru"]').waitFor();
    const nav = page.locator("nav.sections");
    expect(await nav.innerText()).toMatch(/Загрузка\s+Задачи\s+Цены\s+Прайс-листы/);
    const head = page.locator(".pricelist-head p");
    await expect.poll(() => head.innerText()).toContain("1\u00a0500 строк");

    // The .xlsx download in Russian, through the browser: named for what it is, and the service's
    // own reader (a preview of the file uploaded back) finds the Russian header and the rows.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Скачать .xlsx" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`pricelist-warehouse-${new Date().toISOString().slice(0, 10)}.xlsx`);
    const saved = path.join(await tempDir(), download.suggestedFilename());
    await download.saveAs(saved);
    const preview = await client.inspectFile({ file: saved });
    expect(preview.format).toBe("xlsx");
    expect(preview.sheets[0]!.columns.map((c) => c.header)).toEqual(["Артикул", "Производитель", "Наименование", "Цена", "Количество"]);
    expect(preview.sheets[0]!.rows[0]).toMatchObject({
      partNumber: "PN-000001",
      vendor: "Vendor 1",
      name: "Component 1",
      price: 101.5,
      quantity: 2,
    });
    expect(await page.getByRole("link", { name: "Скачать CSV" }).getAttribute("href")).toMatch(/\/export-csv\?lang=ru$/);

    // English, chosen on the page: labels and numbers follow it, and a reload keeps it.
    await page.getByRole("group", { name: "Язык" }).getByRole("button", { name: "English" }).click();
    await page.locator('html[lang="en"]').waitFor();
    expect(await nav.innerText()).toMatch(/Import\s+Tasks\s+Prices\s+Pricelists/);
    await expect.poll(() => head.innerText()).toContain("1,500 rows");
    await page.reload();
    await page.locator('html[lang="en"]').waitFor();
    expect(new URL(page.url()).hash).toBe("#pricelists");
    expect(await page.locator("#section-pricelists").isVisible()).toBe(true);
    expect(await page.locator("#section-import").isVisible()).toBe(false);

    // Sorting by price, highest first: a second press on the header.
    const price = page.getByRole("button", { name: /^Price/ });
    await price.click();
    await price.click();
    expect(await page.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("descending");
    const prices = await page.locator("#pricelist-view tbody td.cell-price").allInnerTexts();
    const values = prices.map((p) => Number(p.replace(/,/g, "")));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]).toBe(999.5);

    // The dark scheme, from the system: other colours, from the same variables.
    const colours = () =>
      page.evaluate(() => ({
        page: getComputedStyle(document.documentElement).backgroundColor,
        panel: getComputedStyle(document.querySelector(".panel")!).backgroundColor,
        text: getComputedStyle(document.body).color,
      }));
    await page.emulateMedia({ colorScheme: "light" });
    const light = await colours();
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await colours();
    expect(dark.page).not.toBe(light.page);
    expect(dark.panel).not.toBe(light.panel);
    expect(dark.text).not.toBe(light.text);
    await page.screenshot({ path: path.join(artifacts, "dark-pricelist-desktop.png") });
    expect(await seriousViolations(page), "dark, pricelists").toEqual([]);
    for (const section of ["Import", "Tasks", "Prices"]) {
      await goTo(page, section);
      expect(await seriousViolations(page), `dark: ${section}`).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await goTo(page, "Tasks");
    await page.screenshot({ path: path.join(artifacts, "dark-tasks-phone.png"), fullPage: true });
    await goTo(page, "Pricelists");
    await page.screenshot({ path: path.join(artifacts, "dark-pricelist-phone.png") });
    await page.close();
  });
});
