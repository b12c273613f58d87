import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startService, testHandlers } from "@tasklane/testing";

/** tasks.list over plain HTTP, as a caller without the SDK sends it. */
async function list(url: string, input: Record<string, unknown>) {
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await fetch(`${url}/trpc/tasks.list?input=${encoded}`);
  const body = (await response.json()) as {
    result?: { data: { json: { items: { id: string }[]; nextCursor: string | null } } };
    error?: { json: { message: string; data: { code: string } } };
  };
  return { status: response.status, page: body.result?.data.json, error: body.error?.json };
}

/**
 * What the service makes, for every list: base64url (unpadded) of the JSON of the last item's
 * key; a task's key is its seq (packages/pricing/src/cursor.ts). Task cursors of the decimal
 * form handed out before are no longer valid.
 */
function isServiceCursor(s: string): boolean {
  try {
    const key: unknown = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    return (
      Array.isArray(key) &&
      key.length === 1 &&
      Number.isSafeInteger(key[0]) &&
      key[0] >= 0 &&
      Buffer.from(JSON.stringify(key)).toString("base64url") === s
    );
  } catch {
    return false;
  }
}

const MADE_UP = [
  ".1",
  "1.",
  "1.5",
  "NaN",
  "NaN.x",
  "Infinity",
  "-1",
  "0",
  "01",
  "1e3",
  "0x10",
  "+1",
  " 1",
  "1 ",
  "９",
  "9007199254740993",
  "9".repeat(40),
  "1".repeat(100),
  "1", // the decimal task cursor of the version before
  "42",
  "WzFd=", // base64url of [1], padded
  "WzFd!", // with a stray character Node's decoder would skip
  "WyIxIl0", // ["1"]
  "WzEuNV0", // [1.5]
  "Wy0xXQ", // [-1]
  "eyJzZXEiOjF9", // base64 of {"seq":1}
  "////",
  "%00",
];

describe("tasks.list cursors", () => {
  it.each(MADE_UP)("a made-up cursor %j is a 400 naming the cursor", async (cursor) => {
    const { url } = await startService({ handlers: testHandlers() });
    const { status, error } = await list(url, { cursor });
    expect(status).toBe(400);
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.message).toContain("cursor:");
  });

  it("any cursor is a 400 unless it has the service's own form, and never a 500", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const cursors = fc.oneof(
      fc.string({ minLength: 1, maxLength: 100 }),
      fc.stringMatching(/^[0-9.eE+-]{1,20}$/),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
      fc.double().map(String),
      fc.uint8Array({ minLength: 1, maxLength: 60 }).map((b) => Buffer.from(b).toString("base64url")),
    );
    await fc.assert(
      fc.asyncProperty(cursors, async (cursor) => {
        const { status } = await list(url, { cursor });
        expect(status).toBe(isServiceCursor(cursor) ? 200 : 400);
      }),
      { numRuns: 300 },
    );
  });

  it("a cursor of the service's form is a page, the first one past every task empty", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    expect(isServiceCursor("WzFd")).toBe(true);
    const { status, page } = await list(url, { cursor: "WzFd" });
    expect({ status, items: page?.items }).toEqual({ status: 200, items: [] });
  });

  it("the cursors the service gives still page through every task once", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const submitted: string[] = [];
    for (const source of ["warehouse", "estimate", "competitor"] as const) {
      const response = await fetch(`${url}/trpc/tasks.submit.pricelistCreate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { source } }),
      });
      submitted.push(((await response.json()) as { result: { data: { json: { taskId: string } } } }).result.data.json.taskId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { status, page } = await list(url, cursor === undefined ? { limit: 1 } : { limit: 1, cursor });
      expect(status).toBe(200);
      seen.push(...page!.items.map((t) => t.id));
      cursor = page!.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(submitted.reverse());
  });
});
