import { describe, expect, it } from "vitest";
import { lastColumnRows, longPriceCsv, mxlBrackets, sharedStringPrices, sharedStringRow, splitCellText } from "./hostile-files.ts";
import { watchService } from "./poll-watch.ts";
import { TOKEN, startHostileService } from "./service.ts";

/**
 * Issue 12's preview reads a file before any import: each hostile file of issue 11, previewed
 * through the real API process (or node), answers a 4xx or a preview that names the problem,
 * never a 5xx, while /health keeps answering and the process stays up.
 */
describe("hostile files previewed through the real service", () => {
  it("each answers with what is wrong, and the service goes on", async () => {
    const service = await startHostileService({ TASKLANE_PREVIEW_TIMEOUT_SECONDS: "60" });
    const watch = watchService(service, () => undefined);
    const answers: Record<string, { status: number; text: string; length: number }> = {};
    try {
      for (const write of [
        sharedStringRow,
        mxlBrackets,
        (dir: string) => longPriceCsv(dir, 300_000),
        lastColumnRows,
        splitCellText,
        sharedStringPrices,
      ]) {
        const file = await write(service.dataDir);
        const { uploadId } = await service.client.uploadFile(file);
        const input = encodeURIComponent(JSON.stringify({ json: { uploadId } }));
        const response = await fetch(`${service.url}/trpc/uploads.inspect?input=${input}`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        const body = await response.text();
        answers[file.split("/").pop()!] = { status: response.status, text: body.slice(0, 300), length: body.length };
      }
    } finally {
      const polls = await watch.stop();
      console.info(JSON.stringify({ answers, ...polls }));
    }
    for (const [name, { status, text, length }] of Object.entries(answers)) {
      expect.soft(status, `${name}: ${text}`).toBeLessThan(500);
      // A 200 is a preview whose sheet says what is wrong: its cells quoted in part, so it stays small.
      expect.soft(length, `characters of the answer for ${name}`).toBeLessThan(1_000_000);
    }
    expect.soft(watch.record.failures, "polls that failed or took over 10 s").toEqual([]);
    expect(service.alive(), "the API process is still running").toBe(true);
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });
});
