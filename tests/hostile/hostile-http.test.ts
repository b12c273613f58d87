import net from "node:net";
import { describe, expect, it } from "vitest";
import { watchService } from "./poll-watch.ts";
import { TOKEN, seedSupplier, startHostileService } from "./service.ts";

/**
 * The HTTP limits (README's configuration): a request must arrive whole within
 * REQUEST_TIMEOUT_S; headers and idle connections have their own, shorter or equal, limits.
 * The idle one is longer than the gap between bytes, so only the request timeout can cut.
 */
const REQUEST_TIMEOUT_S = 5;
const TIMEOUT_ENV = {
  TASKLANE_REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_S),
  TASKLANE_HEADERS_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_S),
  TASKLANE_IDLE_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_S),
};
/** Scheduling slack past the configured timeout before the connection counts as not cut. */
const SLACK_MS = 5_000;
const BYTE_EVERY_MS = 2_000;

/**
 * Declares 100,000 bytes and sends one every BYTE_EVERY_MS, with no token. Resolves when the
 * server closes the connection or `giveUpMs` passes, with what it answered (if anything).
 */
function slowUpload(url: string, giveUpMs: number): Promise<{ closedAfterMs: number | null; statusLine: string | null }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const started = performance.now();
  let answer = "";
  return new Promise((resolve) => {
    const finish = (closed: boolean) => {
      clearInterval(drip);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({
        closedAfterMs: closed ? Math.round(performance.now() - started) : null,
        statusLine: answer ? answer.split("\r\n")[0]! : null,
      });
    };
    const drip = setInterval(() => socket.write("a"), BYTE_EVERY_MS);
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.once("close", () => finish(true));
    socket.write(
      `POST /api/uploads HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: multipart/form-data; boundary=slow\r\ncontent-length: 100000\r\n\r\n`,
    );
  });
}

describe("hostile requests through the real service", () => {
  it("an upload that sends one byte every 2 s is cut within the request timeout, and polls go on being answered", async () => {
    const service = await startHostileService(TIMEOUT_ENV);
    const taskId = await seedSupplier(service);
    const watch = watchService(service, () => taskId);
    const bound = REQUEST_TIMEOUT_S * 1000 + SLACK_MS;
    const slow = await slowUpload(service.url, bound).finally(() => watch.stop());
    console.info(`slow upload: ${JSON.stringify({ ...slow, ...watch.record })}`);
    expect.soft(slow.closedAfterMs, `the connection closed within ${bound} ms (answer: ${slow.statusLine})`).not.toBeNull();
    if (slow.statusLine !== null) expect.soft(slow.statusLine).toMatch(/^HTTP\/1\.1 (408|401|400|413)/);
    expect.soft(watch.record.failures).toEqual([]);
    expect(service.alive()).toBe(true);
  });

  it("multipart with no boundary, or a boundary the body does not use, answers 400 with a clear text", async () => {
    const service = await startHostileService();
    const post = async (contentType: string) => {
      const response = await fetch(`${service.url}/api/uploads`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": contentType },
        body: '--real\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\n\r\nPN;Price\nA;1\n\r\n--real--\r\n',
      });
      return { status: response.status, body: await response.text() };
    };
    const noBoundary = await post("multipart/form-data");
    expect.soft(noBoundary.status, noBoundary.body).toBe(400);
    expect.soft(noBoundary.body).toMatch(/boundary|multipart/i);
    const wrongBoundary = await post("multipart/form-data; boundary=other");
    expect.soft(wrongBoundary.status, wrongBoundary.body).toBe(400);
    expect.soft(wrongBoundary.body).toMatch(/boundary|multipart|file/i);
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });
});
