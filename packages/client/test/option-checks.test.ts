import { describe, expect, it } from "vitest";
import { type PollOptions, createTasklaneClient } from "../src/index.ts";

// Nothing listens on port 9: a check that did not stop the call would fail with a network error instead.
const client = createTasklaneClient({ url: "http://127.0.0.1:9" });
const ID = "0b4f5a5e-8a49-4d2c-9d53-0d7e1c7b6f10";

describe("options are checked where they are given", () => {
  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])(
    "pollTask({ timeoutMs: %s }) is a RangeError naming timeoutMs, before any request",
    async (timeoutMs) => {
      await expect(client.pollTask(ID, { timeoutMs })).rejects.toThrow(
        new RangeError(`pollTask: timeoutMs: must be a finite number of milliseconds, 0 or more, not ${timeoutMs}`),
      );
    },
  );

  it("a bad outage bound is a RangeError naming it", async () => {
    await expect(client.pollTask(ID, { outage: { giveUpAfterMs: Number.NaN } })).rejects.toThrow(
      /pollTask: outage\.giveUpAfterMs: must be a finite number/,
    );
  });

  it("an outage option without its bound is a RangeError too: the wait would otherwise never give up", async () => {
    const outage = {} as PollOptions["outage"];
    await expect(client.pollTask(ID, { outage })).rejects.toThrow(
      new RangeError("pollTask: outage.giveUpAfterMs: must be a finite number of milliseconds, 0 or more, not undefined"),
    );
  });

  it.each([
    [{ onProgress: "log" }, "pollTask: onProgress: must be a function or left out, not string"],
    [
      { outage: { giveUpAfterMs: 1_000, onUnreachable: true } },
      "pollTask: outage.onUnreachable: must be a function or left out, not boolean",
    ],
    [{ outage: { giveUpAfterMs: 1_000, onBack: {} } }, "pollTask: outage.onBack: must be a function or left out, not object"],
  ])("a callback that is no function is a TypeError naming it: %j", async (options, message) => {
    await expect(client.pollTask(ID, options as PollOptions)).rejects.toThrow(new TypeError(message));
  });

  it.each(["localhost:3000", "", "ftp://127.0.0.1"])("createTasklaneClient({ url: %j }) is a TypeError naming url", (url) => {
    expect(() => createTasklaneClient({ url })).toThrow(/createTasklaneClient: url must be the service's http\(s\) address/);
  });

  // fetch cannot send such a header, and every request would fail as if the service were away.
  it.each([
    ["", "a string of 0 characters"],
    ["abc def", "a string of 7 characters"],
    ["secret\n", "a string of 7 characters"],
    ["токен-токен", "a string of 11 characters"],
    [42, "number"],
  ])("createTasklaneClient({ token: %j }) is a TypeError naming token, and never shows it", (token, shown) => {
    expect(() => createTasklaneClient({ url: "http://127.0.0.1:9", token: token as string })).toThrow(
      new TypeError(`createTasklaneClient: token must be the service's token (visible characters, no spaces) or left out, not ${shown}`),
    );
  });

  it("a fetch that is no function is a TypeError naming it", () => {
    expect(() => createTasklaneClient({ url: "http://127.0.0.1:9", fetch: "fetch" as never })).toThrow(
      new TypeError("createTasklaneClient: fetch: must be a function or left out, not string"),
    );
  });
});
