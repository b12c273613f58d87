/**
 * The HTTP limits of issue 11: a body that arrives a byte at a time, or a request slower than
 * the request timeout, is answered 408 and its connection closed; a connection that sends nothing
 * is closed; past the connection cap new connections are closed while the open ones go on. Small
 * limits, so each cut comes soon; what is checked is what the sockets see, never how long it took.
 */
import { describe, expect, it } from "vitest";
import { startService } from "@tasklane/testing";
import { RawConnection, rawGet } from "./raw-http.ts";

const SHORT = { requestTimeoutMs: 2_000, headersTimeoutMs: 1_000, idleTimeoutMs: 1_000 };
const SLOW_BODY =
  "POST /trpc/tasks.submit.recalculate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
const bodyOf = (received: string) => JSON.parse(received.slice(received.indexOf("\r\n\r\n") + 4)) as unknown;

async function pollPath(service: {
  tasks: { submit(type: "recalculate", input: unknown, owner: string): Promise<{ task: { id: string } }> };
}) {
  const { task } = await service.tasks.submit("recalculate", {}, "local");
  return { id: task.id, path: `/trpc/tasks.get?input=${encodeURIComponent(JSON.stringify({ json: { id: task.id } }))}` };
}

/** Writes `bytes` bytes every 100 ms until the connection closes. */
function trickle(connection: RawConnection, bytes = 1): void {
  const timer = setInterval(() => connection.write(" ".repeat(bytes)), 100);
  void connection.closed.then(() => clearInterval(timer));
}

describe("HTTP limits", () => {
  it("answers 408 to a body that trickles in, and closes its connection, while polls are answered", async () => {
    const service = await startService({ ...SHORT, requestTimeoutMs: 600_000 });
    const { id, path } = await pollPath(service);
    const slow = await RawConnection.open(service.url);
    slow.write(SLOW_BODY);
    trickle(slow);
    const poller = await RawConnection.open(service.url);
    const poll = await poller.exchange(rawGet(path));
    expect(poll.status).toBe(200);
    expect(poll.body).toContain(id);

    const received = await slow.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(bodyOf(received)).toEqual({
      error: { code: "TIMEOUT", message: "The body arrived slower than 1024 bytes a second after its first 1 s" },
    });
    expect((await poller.exchange(rawGet(path))).status).toBe(200);
    poller.close();
  });

  it("answers 408 to a request that outlasts the request timeout, however fast its body comes", async () => {
    const service = await startService(SHORT);
    const slow = await RawConnection.open(service.url);
    slow.write(SLOW_BODY);
    trickle(slow, 300);
    const received = await slow.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(bodyOf(received)).toEqual({
      error: {
        code: "TIMEOUT",
        message: "The request did not arrive in time: headers must arrive within 1 s and the whole request within 2 s",
      },
    });
  });

  it("answers 408 to headers that trickle in", async () => {
    const service = await startService(SHORT);
    const slow = await RawConnection.open(service.url);
    slow.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    trickle(slow);
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it("closes an upload refused without a token once its trickling body is late", async () => {
    const service = await startService({ ...SHORT, tokens: new Map([["a-token-of-20-chars!", "alice"]]) });
    const slow = await RawConnection.open(service.url);
    slow.write(
      "POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n",
    );
    trickle(slow);
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 401 /);
  });

  it("closes a connection that sends nothing, unanswered, after the idle timeout", async () => {
    // Node's headers timeout would answer such a connection 408 as well: here it is the later one.
    const service = await startService({ requestTimeoutMs: 60_000, headersTimeoutMs: 60_000, idleTimeoutMs: 1_000 });
    const idle = await RawConnection.open(service.url);
    expect(await idle.closed).toBe("");
  });

  it("past the connection cap closes new connections unanswered, and the open ones go on", async () => {
    const service = await startService({ maxConnections: 3 });
    const { path } = await pollPath(service);
    const open = [await RawConnection.open(service.url), await RawConnection.open(service.url), await RawConnection.open(service.url)];
    for (const connection of open) expect((await connection.exchange(rawGet(path))).status).toBe(200);

    for (let i = 0; i < 3; i++) {
      const extra = await RawConnection.open(service.url);
      extra.write(rawGet(path));
      expect(await extra.closed).toBe("");
    }
    for (const connection of open) expect((await connection.exchange(rawGet(path))).status).toBe(200);

    // A connection that ends makes room for a new one.
    open[0]!.close();
    await open[0]!.closed;
    const next = await untilAccepted(service.url);
    expect((await next.exchange(rawGet(path))).status).toBe(200);
    for (const connection of [next, ...open]) connection.close();
  });

  it("takes a 64 MB upload with the default limits", async () => {
    const service = await startService({ maxUploadBytes: 100 * 1024 * 1024 });
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(64 * 1024 * 1024).fill(65)]), "large.csv");
    const response = await fetch(`${service.url}/api/uploads`, { method: "POST", body: form });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ filename: "large.csv", size: 64 * 1024 * 1024 });
  });
});

/** The server counts a closed connection out when it sees the close; until then a new one is still refused. */
async function untilAccepted(url: string): Promise<RawConnection> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const connection = await RawConnection.open(url);
    const answered = await Promise.race([
      connection.exchange(rawGet("/health")).then(
        () => true,
        () => false,
      ),
      connection.closed.then(() => false),
    ]);
    if (answered) return connection;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("no connection was accepted after one closed");
}
