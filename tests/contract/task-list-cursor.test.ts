/** A tasks.list cursor the service did not make is the caller's mistake: 400 on `cursor`, never a 500. */
import { describe, expect, it } from "vitest";
import { startService } from "@tasklane/testing";

const b64 = (text: string) => Buffer.from(text).toString("base64url");
const madeUp = ["made-up", "", "x".repeat(500), b64('{"seq":1}'), b64("not json"), b64("-1"), b64("1e400"), "%00"];

describe("tasks.list with a made-up cursor", () => {
  it("answers 400 on cursor, whatever the cursor looks like", async () => {
    const service = await startService();
    await service.tasks.submit("recalculate", {}, "local");
    for (const cursor of madeUp) {
      const response = await fetch(`${service.url}/trpc/tasks.list?input=${encodeURIComponent(JSON.stringify({ json: { cursor } }))}`);
      const body = (await response.json()) as { error: { json: { data: { code: string; fieldErrors: Record<string, string[]> | null } } } };
      expect({ cursor, status: response.status, code: body.error.json.data.code }).toEqual({ cursor, status: 400, code: "BAD_REQUEST" });
      expect(Object.keys(body.error.json.data.fieldErrors ?? {})).toEqual(["cursor"]);
    }
  });
});
