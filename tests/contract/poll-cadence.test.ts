import { AbortError, type Clock, TimeoutError, createTasklaneClient } from "@tasklane/client";
import { POLL_INTERVAL_MS } from "@tasklane/contract";
import { describe, expect, it, vi } from "vitest";
import { heldRecalculation, recalcResult, startService, virtualClock } from "@tasklane/testing";

/**
 * Virtual time (the shared virtualClock), with requests to the real server each made to "take"
 * `latencyMs` of it: the test asserts the exact sequence of waits and of reads without waiting.
 */
function virtualTime(latencyMs: number) {
  const time = virtualClock();
  let inFlight = 0;
  const state = {
    reads: [] as number[],
    maxInFlight: 0,
    /** Time starts at 0 here: what came before (the submit) is not part of the poll. */
    reset() {
      time.reset();
      state.reads.length = 0;
    },
  };
  const timedFetch: typeof fetch = async (input, init) => {
    if ((input instanceof Request ? input.url : input.toString()).includes("tasks.get")) state.reads.push(time.clock.now());
    state.maxInFlight = Math.max(state.maxInFlight, ++inFlight);
    try {
      return await fetch(input, init);
    } finally {
      inFlight--;
      time.advance(latencyMs);
    }
  };
  return { clock: time.clock, virtual: time, fetch: timedFetch, state };
}

async function gatedService() {
  const { hold, handlers } = heldRecalculation(7);
  const service = await startService({ handlers });
  /** Submits, and resolves once the task runs and shows its progress (a worker elsewhere may take a moment). */
  const submitRunning = async (client: ReturnType<typeof createTasklaneClient>) => {
    const { taskId } = await client.submit.recalculate({});
    await vi.waitFor(async () => expect((await service.tasks.get(taskId, "local"))!.progress).toBe(50));
    return { taskId };
  };
  const finish = async (id: string) => {
    hold.open();
    await vi.waitFor(async () => expect((await service.tasks.get(id, "local"))!.status).toBe("completed"));
  };
  return { ...service, finish, submitRunning };
}

describe("pollTask's cadence", () => {
  it("reads at once, then every 500 ms from the previous read's start, and resolves with the result", async () => {
    const service = await gatedService();
    const time = virtualTime(120);
    const client = createTasklaneClient({ url: service.url, fetch: time.fetch });
    const { taskId } = await service.submitRunning(client);
    time.state.reset();
    time.virtual.afterSleep = async (n) => {
      if (n === 3) await service.finish(taskId);
    };
    const seen: string[] = [];
    const done = await client.pollTask(taskId, { clock: time.clock, onProgress: (t) => seen.push(t.status) });

    expect(done.result).toEqual(recalcResult(7));
    expect(time.virtual.sleeps).toEqual([380, 380, 380]);
    expect(time.state.reads).toEqual([0, 500, 1000, 1500]);
    expect(seen).toEqual(["running", "running", "running", "completed"]);
    expect(time.state.maxInFlight).toBe(1);
  });

  it("never overlaps reads: when a read takes longer than the interval, the next starts right after it", async () => {
    const service = await gatedService();
    const time = virtualTime(POLL_INTERVAL_MS + 200);
    const client = createTasklaneClient({ url: service.url, fetch: time.fetch });
    const { taskId } = await service.submitRunning(client);
    time.state.reset();
    time.virtual.afterSleep = async (n) => {
      if (n === 2) await service.finish(taskId);
    };
    await client.pollTask(taskId, { clock: time.clock });
    expect(time.virtual.sleeps).toEqual([0, 0]);
    expect(time.state.reads).toEqual([0, 700, 1400]);
    expect(time.state.maxInFlight).toBe(1);
  });

  it("never sleeps past the deadline and rejects with TimeoutError carrying the last state", async () => {
    const service = await gatedService();
    const time = virtualTime(120);
    const client = createTasklaneClient({ url: service.url, fetch: time.fetch });
    const { taskId } = await service.submitRunning(client);
    time.state.reset();
    const error = await client.pollTask(taskId, { clock: time.clock, timeoutMs: 900 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).lastSeen).toMatchObject({ id: taskId, status: "running", progress: 50 });
    expect(time.virtual.sleeps).toEqual([380, 280]);
    expect(time.state.reads).toEqual([0, 500]);
    await service.finish(taskId);
  });

  it("an abort wakes the sleep and rejects with AbortError; the task goes on", async () => {
    const service = await gatedService();
    const controller = new AbortController();
    let sleeping = false;
    // A clock whose sleep only ends by an abort: if pollTask rejects, the abort woke it.
    const clock: Clock = {
      now: () => 0,
      sleep: (_ms, signal) =>
        new Promise((_, reject) => {
          sleeping = true;
          signal?.addEventListener("abort", () => reject(new AbortError(signal.reason)), { once: true });
        }),
    };
    const client = createTasklaneClient({ url: service.url });
    const { taskId } = await client.submit.recalculate({});
    const polling = client.pollTask(taskId, { clock, signal: controller.signal });
    await vi.waitFor(() => expect(sleeping).toBe(true));
    controller.abort();
    await expect(polling).rejects.toBeInstanceOf(AbortError);
    expect((await client.getTask(taskId)).status).toBe("running");
    await service.finish(taskId);
  });

  it("rejects with AbortError without a request when the signal has already fired", async () => {
    const service = await gatedService();
    const time = virtualTime(0);
    const client = createTasklaneClient({ url: service.url, fetch: time.fetch });
    const { taskId } = await service.submitRunning(client);
    time.state.reset();
    await expect(client.pollTask(taskId, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(time.state.reads).toEqual([]);
    await service.finish(taskId);
  });
});
