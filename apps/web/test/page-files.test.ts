import { readFile, readdir } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { startService } from "@tasklane/testing";
import { sharedChromium } from "./chromium.ts";

/**
 * How the service sends the page's production build: each file compressed for a browser that
 * accepts it (the build's own .br and .gz), the same bytes once decoded, and the hashed files kept
 * by the browser while index.html is asked for again on each load.
 */

const browser = sharedChromium();

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET with exactly these headers: fetch would add its own Accept-Encoding and decode the reply. */
function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/** The build's scripts and stylesheets, as the page names them: /assets/<name>. */
async function builtAssets(dist: string): Promise<string[]> {
  const names = (await readdir(path.join(dist, "assets"))).filter((n) => /\.(js|css)$/.test(n));
  expect(names.filter((n) => n.endsWith(".js")).length).toBeGreaterThan(1);
  return names;
}

describe("the page's files", () => {
  it("go compressed to a client that accepts Brotli or gzip, and decode to the build's bytes", async () => {
    const service = await startService({ webRoot: browser.dist });
    for (const name of await builtAssets(browser.dist)) {
      const original = await readFile(path.join(browser.dist, "assets", name));
      const url = `${service.url}/assets/${name}`;

      const br = await get(url, { "accept-encoding": "gzip, deflate, br" });
      expect([br.status, br.headers["content-encoding"]]).toEqual([200, "br"]);
      expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
      expect(br.body.length).toBeLessThan(original.length);

      const gz = await get(url, { "accept-encoding": "gzip" });
      expect([gz.status, gz.headers["content-encoding"]]).toEqual([200, "gzip"]);
      expect(gunzipSync(gz.body).equals(original)).toBe(true);

      const plain = await get(url);
      expect([plain.status, plain.headers["content-encoding"]]).toEqual([200, undefined]);
      expect(plain.body.equals(original)).toBe(true);
    }
  });

  it("are kept by the browser when hashed, while index.html is revalidated on every load", async () => {
    const service = await startService({ webRoot: browser.dist });
    for (const name of await builtAssets(browser.dist)) {
      expect((await get(`${service.url}/assets/${name}`)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    }
    for (const page of ["/", "/index.html"]) {
      const reply = await get(`${service.url}${page}`, { "accept-encoding": "br" });
      expect([reply.status, reply.headers["cache-control"]]).toEqual([200, "no-cache"]);
      expect(brotliDecompressSync(reply.body).toString()).toContain('<div id="root">');
    }
    // A file outside the build is still a plain 404, not a page.
    expect((await get(`${service.url}/assets/missing-0000.js`)).status).toBe(404);
  });

  it("in Chromium: the scripts arrive compressed, and a second visit takes them from the cache", async () => {
    const service = await startService({ webRoot: browser.dist });
    const scripts = async () => {
      const page = await browser.context.newPage();
      await page.goto(`${service.url}/`);
      await page.locator("html[lang]").waitFor();
      const entries = await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => e as PerformanceResourceTiming)
          .filter((e) => new URL(e.name).pathname.startsWith("/assets/") && e.name.endsWith(".js"))
          .map((e) => ({ name: e.name, transferSize: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
      );
      await page.close();
      return entries;
    };
    const first = await scripts();
    expect(first.length).toBeGreaterThan(1);
    for (const script of first) expect(script.encoded).toBeLessThan(script.decoded);
    const second = await scripts();
    expect(second.map((s) => s.name).sort()).toEqual(first.map((s) => s.name).sort());
    // Resource Timing's transferSize is 0 for a file served from the browser's cache without a request.
    for (const script of second) expect(script.transferSize).toBe(0);
  });
});
