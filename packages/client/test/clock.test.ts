import { describe, expect, it } from "vitest";
import { AbortError } from "../src/index.ts";
import { realClock } from "../src/poll/clock.ts";

describe("the real clock's sleep", () => {
  it("resolves after the time", async () => {
    const before = realClock.now();
    await realClock.sleep(5);
    expect(realClock.now()).toBeGreaterThanOrEqual(before);
  });

  it("rejects at once for a signal that has already fired", async () => {
    await expect(realClock.sleep(60_000, AbortSignal.abort("stop"))).rejects.toBeInstanceOf(AbortError);
  });

  it("is woken by an abort long before its time (the test would time out otherwise)", async () => {
    const controller = new AbortController();
    const sleeping = realClock.sleep(600_000, controller.signal);
    controller.abort(new Error("user left"));
    const error = await sleeping.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("user left"));
  });
});
