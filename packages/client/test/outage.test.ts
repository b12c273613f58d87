import { describe, expect, it, vi } from "vitest";
import { freePort, heldRecalculation, recalcResult, startService, virtualClock } from "@tasklane/testing";
import { TasklaneRequestError, createTasklaneClient } from "../src/index.ts";

const SLOW = { timeout: 60_000 };

/**
 * The real service, reads sent to a closed port while `state.away` (a real refused connection),
 * and virtual time: every sleep is recorded and passes at once, so the waits are asserted exactly.
 */
async function setup() {
  const { hold, handlers } = heldRecalculation(2);
  const service = await startService({ handlers });
  // A port nothing listens on: a read sent there is refused, as while the service restarts.
  const refused = `http://127.0.0.1:${await freePort()}`;
  const time = virtualClock();
  const state = { away: false };
  const client = createTasklaneClient({
    url: service.url,
    fetch: (input, init) =>
      fetch(state.away ? (input instanceof Request ? input.url : String(input)).replace(service.url, refused) : input, init),
  });
  const { taskId } = await client.submit.recalculate({});
  await vi.waitFor(async () => expect((await client.getTask(taskId)).progress).toBe(50));
  return { client, taskId, time, state, finish: () => hold.open() };
}

describe("pollTask riding out a restart (outage option)", SLOW, () => {
  it("retries with a backoff capped at 3 s, says so once each way, and resolves when the service is back", async () => {
    const { client, taskId, time, state, finish } = await setup();
    const events: string[] = [];
    time.afterSleep = (count) => {
      if (count === 1) state.away = true;
      if (count === 8) {
        state.away = false;
        finish();
      }
    };
    const done = await client.pollTask(taskId, {
      clock: time.clock,
      outage: { giveUpAfterMs: 60_000, onUnreachable: (e) => events.push(`away ${e.code}`), onBack: () => events.push("back") },
    });
    expect(done.result).toEqual(recalcResult(2));
    expect(events).toEqual(["away UNREACHABLE", "back"]);
    // One normal wait, then 500 ms growing by half up to the cap, then the usual cadence.
    expect(time.sleeps.slice(0, 8)).toEqual([500, 500, 750, 1125, 1688, 2531, 3000, 3000]);
  });

  it("gives up with the last TasklaneRequestError once the service has been away giveUpAfterMs, never sleeping past it", async () => {
    const { client, taskId, time, state, finish } = await setup();
    time.afterSleep = (count) => {
      if (count === 1) state.away = true;
    };
    const error = await client.pollTask(taskId, { clock: time.clock, outage: { giveUpAfterMs: 10_000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TasklaneRequestError);
    expect(error).toMatchObject({ code: "UNREACHABLE" });
    expect(time.sleeps.slice(1)).toEqual([500, 750, 1125, 1688, 2531, 3000, 406]);
    finish();
  });

  it("without the option, or before the task was first read, the first refused read rejects at once", async () => {
    const { client, taskId, time, state, finish } = await setup();
    state.away = true;
    const first = await client.pollTask(taskId, { clock: time.clock, outage: { giveUpAfterMs: 60_000 } }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: "UNREACHABLE" });
    state.away = false;
    time.afterSleep = () => {
      state.away = true;
    };
    const without = await client.pollTask(taskId, { clock: time.clock }).catch((e: unknown) => e);
    expect(without).toMatchObject({ code: "UNREACHABLE" });
    finish();
  });
});
