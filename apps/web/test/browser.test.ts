import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";
import { artifacts, sharedChromium } from "./chromium.ts";

/**
 * The page in real headless Chromium against the real service (embedded store, the real
 * pricing handlers) serving the page's production build, as `pnpm start` does.
 */

/** Rows in the big stock file: enough that an import runs for a few seconds, well under 50 MB. */
const BIG_FILE_ROWS = 500_000;

const browser = sharedChromium();

/** A supplier's stock file: unique part numbers, a quantity and a price on every row. */
async function stockCsv(name: string, rows: number): Promise<string> {
  const lines = ["PN;Name;Vendor;Qty;Price"];
  for (let i = 1; i <= rows; i++) {
    const pn = `PN-${String(i).padStart(6, "0")}`;
    lines.push(`${pn};Component ${i};Vendor ${i % 17};${(i % 40) + 1};${(100 + (i % 900) + (i % 7) / 10).toFixed(2)}`);
  }
  const file = path.join(await tempDir(), name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

/** Keeps every value any task's progress bar shows, however briefly, for the test to read. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: number[] = [];
    Object.assign(window, { progressSeen: seen });
    const record = () =>
      document.querySelectorAll<HTMLProgressElement>('#recent-tasks tr[data-status="running"] progress').forEach((bar) => {
        if (seen.at(-1) !== bar.value) seen.push(bar.value);
      });
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);

async function importFile(page: Page, file: string, supplier: string) {
  await page.getByLabel("File", { exact: true }).setInputFiles(file);
  await page.getByLabel("Supplier", { exact: true }).fill(supplier);
  await page.getByLabel("Supplier's stock").check();
  await page.getByRole("button", { name: "Import file" }).click();
}

const toast = (page: Page, title: string) => page.locator("[data-sonner-toast]", { hasText: title });
/** One of the page's sections (Import, Tasks, Prices, Pricelists), as a person opens it. */
const open = (page: Page, section: string) => page.locator("nav.sections").getByRole("link", { name: section, exact: true }).click();
/** This file reads the English texts: the page is told so rather than left to the browser's language. */
const inEnglish = (page: Page) => page.addInitScript(() => localStorage.setItem("tasklane.language", "en"));
/** The task list is in the Tasks section, hidden while another is open: loaded is enough. */
const tasksLoaded = (page: Page) => page.locator("#recent-tasks").getByText("No tasks yet").waitFor({ state: "attached" });

describe("the web page in a real browser", () => {
  it("imports a file with a moving progress bar, recalculates, makes a pricelist, searches, and cancels", async () => {
    const service = await startService({ webRoot: browser.dist });
    const bigFile = await stockCsv("ocean.csv", BIG_FILE_ROWS);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await inEnglish(page);
    await page.goto(service.url);
    await tasksLoaded(page);

    // Import: the bar shows values strictly between 0 and 100 while it runs, then a toast.
    await recordProgress(page);
    const listReads: number[] = [];
    const countListReads = (request: Request) => {
      if (request.url().includes("tasks.list")) listReads.push(Date.now());
    };
    page.on("request", countListReads);
    await importFile(page, bigFile, "Ocean");
    await page.waitForFunction(
      () => (window as unknown as { progressSeen: number[] }).progressSeen.some((v) => v > 0 && v < 100),
      undefined,
      {
        timeout: 60_000,
      },
    );
    // The import's bar is under the form that submitted it, in view.
    await page
      .locator('.submitted-task [data-status="running"] .task-line', { hasText: /Reading rows|Saving/ })
      .first()
      .waitFor();
    await page.screenshot({ path: path.join(artifacts, "web-running.png") });
    await toast(page, "Import a stock file: completed").waitFor({ timeout: 120_000 });
    await expect(toast(page, "Import a stock file: completed").innerText()).resolves.toContain(
      `Imported 500,000 of 500,000 rows; 500,000 new components`,
    );
    page.off("request", countListReads);
    // It polled while the import ran (about 4 s at one read per 500 ms).
    expect(listReads.length).toBeGreaterThanOrEqual(3);
    const seen = await progressSeen(page);
    expect(seen.filter((v) => v > 0 && v < 100).length, `progress values seen: ${seen.join(", ")}`).toBeGreaterThanOrEqual(1);
    expect(new Set(seen).size, `the bar moved: ${seen.join(", ")}`).toBeGreaterThanOrEqual(2);
    await page.locator('#recent-tasks tbody tr[data-status="completed"]', { hasText: "Completed" }).first().waitFor({ state: "attached" });

    // Recalculate: one button, one toast with its summary.
    await open(page, "Prices");
    await page.getByRole("button", { name: "Recalculate prices" }).click();
    await toast(page, "Recalculate prices: completed").waitFor({ timeout: 120_000 });
    await expect(toast(page, "Recalculate prices: completed").innerText()).resolves.toContain("Updated 500,000 of 500,000 prices");

    // A warehouse pricelist: its toast, then its rows in the pricelist view, paged.
    await open(page, "Pricelists");
    await page.getByLabel("Warehouse").check();
    await page.getByRole("button", { name: "Create pricelist" }).click();
    await toast(page, "Create a pricelist: completed").waitFor({ timeout: 120_000 });
    const pricelist = page.locator("#pricelist-view");
    await pricelist.getByText("Rows 1–50 of 500,000").waitFor();
    await pricelist.locator("tbody tr").nth(49).waitFor();
    expect(await pricelist.locator("tbody tr").count()).toBe(50);
    expect(await pricelist.locator("tbody tr").first().innerText()).toMatch(/PN-000001\s+Vendor 1\s+Component 1\s+101\.10\s+2/);
    await pricelist.getByRole("button", { name: "Next →" }).click();
    await pricelist.getByText("Rows 51–100 of 500,000").waitFor();
    const csvHref = await pricelist.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    expect(csvHref).toMatch(/^\/api\/pricelists\/[0-9a-f-]{36}\/export-csv\?lang=en$/);
    // Read to the end: an unread streamed body would hold the connection, and the service's stop, open.
    const csv = await fetch(`${service.url}${csvHref}`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(BIG_FILE_ROWS + 1);

    // Components search.
    await open(page, "Prices");
    await page.getByLabel("Search", { exact: true }).fill("pn-000123");
    await page.locator("#components tbody tr", { hasText: "PN-000123" }).first().waitFor();
    expect(await page.locator("#components tbody tr").count()).toBeLessThanOrEqual(25);

    // Cancel: a second big import, cancelled while it runs, ends cancelled with a neutral toast.
    await open(page, "Import");
    await importFile(page, bigFile, "Pacific");
    await open(page, "Tasks");
    const running = page.locator('#recent-tasks tbody tr[data-status="running"]');
    await running.first().waitFor({ timeout: 60_000 });
    await running
      .first()
      .getByRole("button", { name: /^Cancel/ })
      .click();
    await toast(page, "Import a stock file: cancelled").waitFor({ timeout: 60_000 });
    const newest = page.locator("#recent-tasks tbody tr").first();
    await page.locator('#recent-tasks tbody tr:first-child[data-status="cancelled"]').waitFor();
    expect(await newest.innerText()).toContain("Cancelled");
    expect(await page.locator("#recent-tasks button", { hasText: /^Cancel/ }).count()).toBe(0);

    // With every task ended, the page stops asking.
    const polls: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("tasks.list")) polls.push(request.url());
    });
    await page.waitForTimeout(1_600);
    expect(polls).toEqual([]);

    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "web-final.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(artifacts, "web-phone.png"), fullPage: true });
    await page.close();
  });

  it("asks for an access token when the service wants one, keeps it, and sends it on reads and uploads", async () => {
    const service = await startService({ webRoot: browser.dist, tokens: new Map([["s3cret-token", "alice"]]) });
    const page = await browser.context.newPage();
    const calls: string[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith("/trpc/")) calls.push(pathname.slice("/trpc/".length));
    });
    await inEnglish(page);
    await page.goto(service.url);
    await page.getByText("This service needs an access token.").waitFor();
    // The panels' reads of the first render went out as one request: the page's one client batches a tick's reads.
    expect(calls).toHaveLength(1);
    expect(calls[0]!.split(",").sort()).toEqual(["components.list", "pricelists.list", "suppliers.list", "tasks.list"]);

    // A token no request could carry is refused at the field, in the page's words, and not kept.
    await page.getByLabel("Access token", { exact: true }).fill("s3cret token");
    await page.getByRole("button", { name: "Save token" }).click();
    await page.getByText("A token is one word of visible characters, without spaces").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("tasklane.token"))).toBeNull();

    await page.getByLabel("Access token", { exact: true }).fill("s3cret-token");
    await page.getByRole("button", { name: "Save token" }).click();
    await tasksLoaded(page);

    await importFile(page, await stockCsv("small.csv", 3), "Ocean");
    await toast(page, "Import a stock file: completed").waitFor({ timeout: 60_000 });
    expect(await toast(page, "Import a stock file: completed").innerText()).toContain("Imported 3 of 3 rows");

    await page.reload();
    await page.getByText("Using the saved access token.").waitFor();
    await page.locator('#recent-tasks tbody tr[data-status="completed"]').waitFor({ state: "attached" });
    await page.close();
  });
});
