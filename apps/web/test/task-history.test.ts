import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { MAX_SKIPPED_ROWS_LISTED, skipReasonIn } from "@tasklane/contract";
import { TaskFailedError, createTasklaneClient } from "@tasklane/client";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";
import { seriousViolations } from "./axe.ts";
import { artifacts, sharedChromium } from "./chromium.ts";
import { type Language, openPage } from "./open-page.ts";

/**
 * The Tasks section's history in real headless Chromium against the real service: paged through
 * the API's cursors, filtered by type and status, and a task's details with an import's skipped
 * rows and their CSV, made in the browser, in each language's convention.
 */

const browser = sharedChromium();

const DESKTOP = { name: "desktop", width: 1280, height: 800 } as const;
const PHONE = { name: "phone", width: 390, height: 844 } as const;

async function csvFile(name: string, lines: readonly string[]): Promise<string> {
  const file = path.join(await tempDir(), name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

const rows = (page: Page) => page.locator("#recent-tasks tbody tr");
const pagerStatus = (page: Page) => page.locator("#recent-tasks .pager-status");

describe("the task history (Tasks section)", () => {
  it("pages forward and back through the cursors, and filters by type and by status from page 1", async () => {
    const service = await startService({ webRoot: browser.dist });
    const client = createTasklaneClient({ url: service.url });
    // One at a time: the service folds a second recalculation into the first while it is active.
    for (let i = 0; i < 22; i++) await client.submitAndWait("recalculate", {});
    await client.submitAndWait("stockImport", {
      file: await csvFile("good.csv", ["PN;Name;Vendor;Qty;Price", "PN-1;One;V;1;10.5"]),
      supplier: "Good",
      kind: "stock",
    });
    // No column a stock file needs: the import fails, so one task has the status "error".
    await expect(
      client.submitAndWait("stockImport", { file: await csvFile("bad.csv", ["Hello;World", "a;b"]), supplier: "Broken", kind: "stock" }),
    ).rejects.toBeInstanceOf(TaskFailedError);

    const page = await openPage(browser.context, service.url, "en", DESKTOP, "tasks");
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await expect.poll(() => rows(page).count()).toBe(20);
    const newestFirst = await rows(page).first().innerText();
    expect(newestFirst).toContain("Import a stock file");
    expect(newestFirst).toContain("Failed");
    expect(await pagerStatus(page).innerText()).toBe("Page 1");
    const pager = page.getByRole("navigation", { name: "Task pages" });
    expect(await pager.getByRole("button", { name: "← Previous" }).isDisabled()).toBe(true);

    await pager.getByRole("button", { name: "Next →" }).click();
    await expect.poll(() => pagerStatus(page).innerText()).toBe("Page 2");
    await expect.poll(() => rows(page).count()).toBe(4);
    expect(await rows(page).allInnerTexts()).toEqual(
      Array.from({ length: 4 }, (): unknown => expect.stringContaining("Recalculate prices")),
    );
    expect(await pager.getByRole("button", { name: "Next →" }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(artifacts, "history-page2-en-desktop.png") });

    await pager.getByRole("button", { name: "← Previous" }).click();
    await expect.poll(() => pagerStatus(page).innerText()).toBe("Page 1");
    await expect.poll(() => rows(page).first().innerText()).toBe(newestFirst);
    expect(await rows(page).count()).toBe(20);

    // A filter chosen on page 2 starts again at page 1.
    await pager.getByRole("button", { name: "Next →" }).click();
    await expect.poll(() => pagerStatus(page).innerText()).toBe("Page 2");
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Import a stock file" });
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await pagerStatus(page).innerText()).toBe("Page 1");
    expect(await rows(page).allInnerTexts()).toEqual([expect.stringContaining("Failed"), expect.stringContaining("Completed")]);
    // Each import names its supplier, kind and file; the supplier filter keeps one supplier's.
    expect(await rows(page).allInnerTexts()).toEqual([
      expect.stringContaining("Broken · Supplier's stock · bad.csv"),
      expect.stringContaining("Good · Supplier's stock · good.csv"),
    ]);
    await page.getByLabel("Imports of supplier", { exact: true }).selectOption("Good");
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().innerText()).toContain("good.csv");
    await page.getByLabel("Imports of supplier", { exact: true }).selectOption({ label: "All suppliers" });
    await expect.poll(() => rows(page).count()).toBe(2);

    await page.getByLabel("Type", { exact: true }).selectOption({ label: "All types" });
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Failed" });
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().innerText()).toContain("Import a stock file");

    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Recalculate prices" });
    await expect.poll(() => page.locator("#recent-tasks").innerText()).toContain("No tasks match these filters.");

    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Completed" });
    await expect.poll(() => rows(page).count()).toBe(20);
    expect(await pager.getByRole("button", { name: "Next →" }).isDisabled()).toBe(false);
    await pager.getByRole("button", { name: "Next →" }).click();
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await seriousViolations(page), "history, en").toEqual([]);

    // The phone, in Russian: the same list as blocks, with its filters.
    const phone = await openPage(browser.context, service.url, "ru", PHONE, "tasks");
    await expect.poll(() => rows(phone).count()).toBe(20);
    await phone.getByLabel("Тип", { exact: true }).selectOption({ label: "Загрузка файла остатков" });
    await expect.poll(() => rows(phone).count()).toBe(2);
    await phone.screenshot({ path: path.join(artifacts, "history-ru-phone.png"), fullPage: true });
    expect(await seriousViolations(phone), "history, ru, phone").toEqual([]);
    expect(errors).toEqual([]);
    await Promise.all([page.close(), phone.close()]);
  });

  it("a task's details: the skipped rows and their CSV, in Russian and English, at 1280x800 and 390x844", async () => {
    const service = await startService({ webRoot: browser.dist });
    const client = createTasklaneClient({ url: service.url });
    // Rows 3 and 5 (a spreadsheet's numbers: the header is row 1) have no numeric price, and more
    // bad rows follow than a result lists, so the details say only the first ones are listed.
    const extraBad = MAX_SKIPPED_ROWS_LISTED + 5;
    const lines = ["PN;Name;Vendor;Qty;Price", "PN-1;One;V;1;10.5", "PN-2;Two;V;1;abc", "PN-3;Three;V;2;20", "PN-4;Four;V;1;=1+1"];
    for (let i = 0; i < extraBad; i++) lines.push(`PN-X${i};Bad;V;1;n/a`);
    const task = await client.submitAndWait("stockImport", {
      file: await csvFile("some-bad.csv", lines),
      supplier: "Mixed",
      kind: "stock",
    });
    const { skippedRows, skipped } = task.result;
    expect(skipped).toBe(2 + extraBad);
    expect(skippedRows.slice(0, 2).map((r) => r.row)).toEqual([3, 5]);
    expect(skippedRows).toHaveLength(MAX_SKIPPED_ROWS_LISTED);

    const cases = [
      { language: "ru", viewport: DESKTOP },
      { language: "ru", viewport: PHONE },
      { language: "en", viewport: DESKTOP },
      { language: "en", viewport: PHONE },
    ] as const satisfies readonly { language: Language; viewport: typeof DESKTOP | typeof PHONE }[];
    for (const { language, viewport } of cases) {
      const label = `${language}-${viewport.name}`;
      const ru = language === "ru";
      const page = await openPage(browser.context, service.url, language, viewport, "tasks");
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));

      const details = page
        .locator(`#recent-tasks tbody tr[data-task-id="${task.id}"]`)
        .getByRole("button", { name: ru ? /^Подробнее/ : /^Details/ });
      await details.click();
      const dialog = page.getByRole("dialog", { name: ru ? "Загрузка файла остатков" : "Import a stock file" });
      await dialog.waitFor();
      const text = await dialog.innerText();
      expect(text).toContain(ru ? "Готово" : "Completed");
      // The task's own line from the service, by its key: Russian on a Russian page.
      expect(text).toContain(ru ? "Выполнена" : "Completed");
      if (ru) expect(skipReasonIn(skippedRows[0]!, "ru")).toMatch(/^цена/);
      expect(text).toContain(task.id);
      expect(text).toContain(
        ru
          ? `Пропущено строк: ${skipped}; здесь и в файле — первые ${MAX_SKIPPED_ROWS_LISTED}.`
          : `${skipped} rows were skipped; listed here and in the file: the first ${MAX_SKIPPED_ROWS_LISTED}.`,
      );
      const table = dialog.getByRole("table", {
        name: ru ? "Строки, пропущенные при загрузке, и причины" : "Rows the import skipped, and why",
      });
      expect(await table.locator("thead th").allInnerTexts()).toEqual(ru ? ["Строка", "Причина"] : ["Row", "Reason"]);
      expect(await table.locator("tbody tr").count()).toBe(MAX_SKIPPED_ROWS_LISTED);
      for (const [i, r] of skippedRows.slice(0, 2).entries()) {
        // The service's reason, in the page's language: "цена — не положительное число: 'abc'".
        expect(await table.locator("tbody tr").nth(i).locator("td").allInnerTexts()).toEqual([String(r.row), skipReasonIn(r, language)]);
      }
      await page.screenshot({ path: path.join(artifacts, `details-${label}.png`) });
      expect(await seriousViolations(page), `${label}: details`).toEqual([]);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        dialog.getByRole("button", { name: ru ? "Скачать пропущенные строки (CSV)" : "Download skipped rows (CSV)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`skipped-rows-${task.id.slice(0, 8)}.csv`);
      const saved = path.join(await tempDir(), download.suggestedFilename());
      await download.saveAs(saved);
      const csv = await readFile(saved, "utf8");
      expect(csv.startsWith("\uFEFF")).toBe(true);
      const fileLines = csv.slice(1).split("\r\n");
      expect(fileLines.at(-1)).toBe(""); // the last line ends too
      expect(fileLines).toHaveLength(MAX_SKIPPED_ROWS_LISTED + 2);
      const separator = ru ? ";" : ",";
      expect(fileLines[0]).toBe(ru ? "Строка;Причина" : "Row,Reason");
      const quoted = (text: string) => (/[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
      for (const [i, r] of skippedRows.slice(0, 2).entries())
        expect(fileLines[i + 1]).toBe(`${r.row}${separator}${quoted(skipReasonIn(r, language))}`);

      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      // Focus comes back to the button that opened the details.
      expect(await details.evaluate((button) => button === document.activeElement)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
