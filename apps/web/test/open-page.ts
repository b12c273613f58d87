import type { BrowserContext, Page } from "playwright-core";

export type Language = "en" | "ru";

/** A page in `language`, chosen the way a person does (the switch is remembered in localStorage). */
export async function openPage(
  context: BrowserContext,
  url: string,
  language: Language,
  viewport: { width: number; height: number },
  hash = "import",
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${url}/#${hash}`);
  await page.evaluate((lang) => localStorage.setItem("tasklane.language", lang), language);
  await page.reload();
  await page.locator(`html[lang="${language}"]`).waitFor();
  return page;
}
