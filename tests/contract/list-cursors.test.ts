/** Every list pages with the one cursor format, and a cursor it did not make is a 400 on `cursor` in each. */
import { TasklaneRequestError, createTasklaneClient } from "@tasklane/client";
import { describe, expect, it } from "vitest";
import { startService, testHandlers } from "@tasklane/testing";

const b64 = (text: string) => Buffer.from(text).toString("base64url");
const MADE_UP = ["made-up", "1", "WzFd=", `${b64("[3]")}!`, b64('["x"]'), b64("[1,2,3]"), "%00"];

/** A tRPC query over plain HTTP, as a caller without the SDK sends it. */
async function query(url: string, procedure: string, input: Record<string, unknown>) {
  const response = await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await response.json()) as { error?: { json: { data: { code: string; fieldErrors: Record<string, string[]> | null } } } };
  return { status: response.status, code: body.error?.json.data.code, fields: Object.keys(body.error?.json.data.fieldErrors ?? {}) };
}

describe("list cursors", () => {
  it.each([
    ["tasks.list", {}],
    ["components.list", {}],
    ["pricelists.list", {}],
  ] as const)("%s answers a made-up cursor 400 on cursor", async (procedure, input) => {
    const { url } = await startService({ handlers: testHandlers() });
    for (const cursor of MADE_UP) {
      expect({ cursor, ...(await query(url, procedure, { ...input, cursor })) }).toEqual({
        cursor,
        status: 400,
        code: "BAD_REQUEST",
        fields: ["cursor"],
      });
    }
  });

  it("the SDK gets a 400 naming cursor for a made-up one, and pages tasks with the cursors it is given", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const client = createTasklaneClient({ url });
    const error = await client.listTasks({ cursor: "1" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TasklaneRequestError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(Object.keys((error as TasklaneRequestError).fieldErrors ?? {})).toEqual(["cursor"]);
    const ids: string[] = [];
    for (const source of ["warehouse", "estimate", "competitor"] as const)
      ids.push((await client.submit.pricelistCreate({ source })).taskId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTasks({ limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(ids.reverse());
  });
});
