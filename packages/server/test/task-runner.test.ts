/** The one runner both backends run tasks with, and its progress throttle, on virtual time. */
import type { Task } from "@tasklane/contract";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../src/logger.ts";
import { progressThrottle } from "../src/tasks/progress-throttle.ts";
import type { FinalFields } from "../src/stores/task-store.ts";
import { type Live, type RunLedger, TaskRunner, withLive } from "../src/tasks/task-runner.ts";
import type { TaskHandlers } from "../src/tasks/handler.ts";
import { gate, recalcResult, testHandlers, untilAborted } from "./helpers.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("progressThrottle", () => {
  it("sends a burst once on the next turn, then at most once per interval, and nothing once stopped", async () => {
    const send = vi.fn();
    const throttle = progressThrottle(250, send);
    for (let i = 0; i < 1000; i++) throttle.changed();
    expect(send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    throttle.changed();
    await vi.advanceTimersByTimeAsync(249);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(send).toHaveBeenCalledTimes(2);
    // After a quiet spell longer than the interval, the next change goes out at once again.
    await vi.advanceTimersByTimeAsync(1_000);
    throttle.changed();
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(3);
    throttle.changed();
    throttle.stop();
    throttle.changed();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(send).toHaveBeenCalledTimes(3);
  });
});

/** A ledger that records what the runner writes; `null` claims nothing (the task ended meanwhile). */
function recording(claimed: Awaited<ReturnType<RunLedger["claim"]>> | null = { type: "recalculate", input: {} }) {
  const progress: Live[] = [];
  const finals: FinalFields[] = [];
  const ledger: RunLedger = {
    claim: async () => claimed ?? undefined,
    progress: async (live) => {
      progress.push(live);
    },
    finish: async (fields) => {
      finals.push(fields);
      return true;
    },
  };
  return { ledger, progress, finals };
}

function runner(handlers: Partial<TaskHandlers>, options: { timeoutsMs?: { recalculate: number } } = {}) {
  return new TaskRunner({ handlers: testHandlers(handlers), log: silentLogger, now: () => new Date(), progressFlushMs: 250, ...options });
}

describe("TaskRunner", () => {
  it("a run taken over from a stopped worker reports its start at once, so callers stop reading the stopped run's progress", async () => {
    const hold = gate();
    const tasks = runner({ recalculate: () => hold.promise.then(() => recalcResult(1)) });
    const again = recording({ type: "recalculate", input: {}, attempts: 2 });
    const first = recording({ type: "recalculate", input: {}, attempts: 1 });
    const done = [tasks.run("again", again.ledger), tasks.run("first", first.ledger)];
    await vi.advanceTimersByTimeAsync(0);
    expect(again.progress).toEqual([expect.objectContaining({ progress: 0, message: "Starting" })]);
    // A first run's start is the row's own (claim wrote it): nothing to report until the handler does.
    expect(first.progress).toEqual([]);
    hold.open();
    await Promise.all(done);
  });

  it("passes progress on throttled, always the latest, and ends with one final write", async () => {
    const hold = gate();
    const tasks = runner({
      recalculate: async (_input, ctx) => {
        for (let i = 1; i <= 1000; i++) ctx.progress(i / 20, `step ${i}`);
        await hold.promise;
        return recalcResult(1);
      },
    });
    const { ledger, progress, finals } = recording();
    const done = tasks.run("t1", ledger);
    await vi.advanceTimersByTimeAsync(0);
    expect(progress).toEqual([{ progress: 50, message: "step 1000", messageText: null }]);
    expect(tasks.live("t1")).toMatchObject({ progress: 50 });
    expect(tasks.ids()).toEqual(["t1"]);
    hold.open();
    await done;
    expect(finals).toEqual([
      expect.objectContaining({ status: "completed", progress: 100, message: "Completed", result: recalcResult(1), error: null }),
    ]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(progress).toHaveLength(1);
    expect(tasks.ids()).toEqual([]);
  });

  it("after a cancel takes no line from the handler, only its progress; the task ends cancelled", async () => {
    const tasks = runner({
      recalculate: async (_input, ctx) => {
        ctx.progress(10, "Working");
        await untilAborted(ctx.signal).catch(() => undefined);
        ctx.progress(60, "Rolling back");
        throw ctx.signal.reason;
      },
    });
    const { ledger, finals } = recording();
    const done = tasks.run("t1", ledger);
    await vi.advanceTimersByTimeAsync(0);
    tasks.cancel("t1");
    await done;
    expect(finals[0]).toMatchObject({ status: "cancelled", progress: 60, message: "Cancelled", error: "Cancelled by the caller" });
  });

  it("a cancel that comes while the task is claimed, or was marked before, ends it without running its handler", async () => {
    const handler = vi.fn(async () => recalcResult(1));
    const tasks = runner({ recalculate: handler });
    const held = recording();
    const claim = gate<void>();
    held.ledger.claim = async () => {
      await claim.promise;
      return { type: "recalculate", input: {} };
    };
    const first = tasks.run("t1", held.ledger);
    tasks.cancel("t1");
    claim.open();
    await first;
    const marked = recording({ type: "recalculate", input: {}, cancelRequested: true });
    await tasks.run("t2", marked.ledger);
    expect(handler).not.toHaveBeenCalled();
    for (const { finals } of [held, marked]) expect(finals).toEqual([expect.objectContaining({ status: "cancelled", progress: 0 })]);
  });

  it("runs nothing and writes nothing when the claim finds the task ended", async () => {
    const handler = vi.fn(async () => recalcResult(1));
    const { ledger, progress, finals } = recording(null);
    await runner({ recalculate: handler }).run("t1", ledger);
    expect(handler).not.toHaveBeenCalled();
    expect([...progress, ...finals]).toEqual([]);
  });

  it("ends a task past its type's time limit as error", async () => {
    const tasks = runner({ recalculate: (_input, ctx) => untilAborted(ctx.signal) }, { timeoutsMs: { recalculate: 60_000 } });
    const { ledger, finals } = recording();
    const done = tasks.run("t1", ledger);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(finals).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(finals[0]).toMatchObject({ status: "error", message: "Failed", error: "Timed out: the task ran longer than its limit of 60 s" });
  });

  it("keeps trying the final write through a store outage, and gives up once stopping", async () => {
    const tasks = runner({ recalculate: async () => recalcResult(1) });
    const { ledger, finals } = recording();
    let failures = 2;
    const finish = ledger.finish.bind(ledger);
    ledger.finish = async (fields) => {
      if (failures-- > 0) throw new Error("database away");
      return finish(fields);
    };
    const done = tasks.run("t1", ledger);
    await vi.advanceTimersByTimeAsync(0);
    expect(finals).toEqual([]);
    await vi.advanceTimersByTimeAsync(250 + 500);
    await done;
    expect(finals).toEqual([expect.objectContaining({ status: "completed" })]);

    ledger.finish = async () => {
      throw new Error("database away");
    };
    const failing = tasks.run("t2", ledger);
    const outcome = failing.catch((error: unknown) => error);
    const stopped = tasks.stop(outcome, 0);
    // The write failed once before the stop; the retry after the stop fails too, and is the last.
    await vi.advanceTimersByTimeAsync(250);
    await stopped;
    expect(await outcome).toMatchObject({ message: "database away" });
  });

  it("stop() gives running tasks their grace, then ends them as interrupted", async () => {
    const tasks = runner({ recalculate: (_input, ctx) => untilAborted(ctx.signal) });
    const { ledger, finals } = recording();
    const done = tasks.run("t1", ledger);
    const stopped = tasks.stop(done, 5_000);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(finals).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await stopped;
    expect(finals[0]).toMatchObject({ status: "error", error: "interrupted: the server stopped before the task finished" });
  });
});

describe("withLive: how both backends read a running task", () => {
  const running = { status: "running", progress: 0, message: "Starting", messageText: { key: "task.starting" } } as Task;
  const live: Live = { progress: 40, message: "Saving", messageText: null };

  it("takes the run's progress and line", () => {
    expect(withLive(running, live)).toMatchObject({ progress: 40, message: "Saving", messageText: null });
    expect(withLive(running, undefined)).toBe(running);
    expect(withLive({ ...running, status: "completed" }, live)).toMatchObject({ progress: 0, message: "Starting" });
  });

  it("keeps 'Cancelling' once a cancel was asked, and takes only the progress", () => {
    const cancelling = { ...running, message: "Cancelling", messageText: { key: "task.cancelling" } } as Task;
    expect(withLive(cancelling, live)).toMatchObject({ progress: 40, message: "Cancelling", messageText: { key: "task.cancelling" } });
  });
});
