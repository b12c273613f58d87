import { describe, expect, it } from "vitest";
import { createTasklaneClient } from "../src/index.ts";

// Nothing listens on port 9: a check that did not stop the call would fail with a network error instead.
const client = createTasklaneClient({ url: "http://127.0.0.1:9" });
const ID = "0b4f5a5e-8a49-4d2c-9d53-0d7e1c7b6f10";

describe("options are checked where they are given", () => {
  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])("pollTask({ timeoutMs: %s }) is a RangeError naming timeoutMs, before any request", async (timeoutMs) => {
    await expect(client.pollTask(ID, { timeoutMs })).rejects.toThrow(new RangeError(`pollTask: timeoutMs: must be a finite number of milliseconds, 0 or more, not ${timeoutMs}`));
  });

  it("a bad outage bound is a RangeError naming it", async () => {
    await expect(client.pollTask(ID, { outage: { giveUpAfterMs: Number.NaN } })).rejects.toThrow(/pollTask: outage\.giveUpAfterMs: must be a finite number/);
  });

  it.each(["localhost:3000", "", "ftp://127.0.0.1"])("createTasklaneClient({ url: %j }) is a TypeError naming url", (url) => {
    expect(() => createTasklaneClient({ url })).toThrow(/createTasklaneClient: url must be the service's http\(s\) address/);
  });
});
