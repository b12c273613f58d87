import { afterEach, describe, expect, it, vi } from "vitest";
import { AbortError } from "../src/index.ts";
import { realClock } from "../src/poll/clock.ts";

describe("the real clock's sleep", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves once its time has passed, not before (virtual time: the timers it sets are faked)", async () => {
    vi.useFakeTimers();
    const before = realClock.now();
    let woke = false;
    const sleeping = realClock.sleep(500).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(realClock.now() - before).toBe(500);
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
