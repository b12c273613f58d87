import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestRedis, startRedis } from "@tasklane/testing";
import { TaskQueue } from "../src/distributed/task-queue.ts";

let redis: TestRedis;
let admin: Redis;
const opened: TaskQueue[] = [];
beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  for (const queue of opened) await queue.close();
  admin.disconnect();
  await redis.close();
});

async function openQueue(queueName: string, followProgress: boolean, maxFollowedJobs?: number): Promise<TaskQueue> {
  const queue = new TaskQueue({ redisUrl: redis.url, queueName, retentionMs: 60_000 }, { followProgress, maxFollowedJobs });
  opened.push(queue);
  await queue.start();
  return queue;
}

/** The HGETs Redis has run so far (a poll of a running task read its job's progress with one). */
async function hgets(): Promise<number> {
  const info = await admin.info("commandstats");
  return Number(/cmdstat_hget:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

/** What a worker does as its task runs: the job's progress, through BullMQ (which also adds the event). */
async function report(queue: TaskQueue, id: string, progress: number, message: string): Promise<void> {
  await (await queue.queue.getJob(id))!.updateProgress({ progress, message });
}

/** Polls until an answer needed no Redis read, and returns it. */
const answeredFromMemory = (queue: TaskQueue, id: string) =>
  vi.waitFor(
    async () => {
      const before = await hgets();
      const live = await queue.progressOf(id);
      expect(await hgets()).toBe(before);
      return live;
    },
    { timeout: 10_000, interval: 20 },
  );

describe("an API node's progress of running jobs", () => {
  it("is the event stream's latest report, read from memory: polls cost Redis no command; a removed job's goes", async () => {
    const worker = await openQueue("follow", false);
    const node = await openQueue("follow", true);
    await worker.add({ id: "t1", type: "recalculate" });
    await report(worker, "t1", 10, "Reading rows: 2,000");
    await report(worker, "t1", 40, "Reading rows: 8,000");
    expect(await answeredFromMemory(node, "t1")).toEqual({ progress: 40, message: "Reading rows: 8,000" });
    const before = await hgets();
    for (let i = 0; i < 50; i++) expect(await node.progressOf("t1")).toEqual({ progress: 40, message: "Reading rows: 8,000" });
    expect(await hgets()).toBe(before);

    await report(worker, "t1", 60, "Saving");
    await vi.waitFor(async () => expect(await node.progressOf("t1")).toEqual({ progress: 60, message: "Saving" }));
    await (await worker.queue.getJob("t1"))!.remove();
    // Its entry went with the job: the answer is the (missing) job's again.
    await vi.waitFor(async () => expect(await node.progressOf("t1")).toBeUndefined());
  });

  it("is read from the job when the node started following after the job's last report", async () => {
    const worker = await openQueue("late", false);
    await worker.add({ id: "t2", type: "recalculate" });
    await report(worker, "t2", 25, "Reading rows: 5,000");
    const node = await openQueue("late", true);
    const before = await hgets();
    expect(await node.progressOf("t2")).toEqual({ progress: 25, message: "Reading rows: 5,000" });
    expect((await hgets()) - before).toBe(1);
  });

  it("past its cap, forgets the job that reported least recently, whose polls read the job again", async () => {
    const worker = await openQueue("capped", false);
    const node = await openQueue("capped", true, 3);
    for (const id of ["c1", "c2", "c3", "c4"]) await worker.add({ id, type: "recalculate" });
    await report(worker, "c1", 10, "Reading rows: 1,000");
    await report(worker, "c2", 10, "Reading rows: 1,000");
    await report(worker, "c2", 20, "Reading rows: 2,000");
    await report(worker, "c3", 10, "Reading rows: 1,000");
    expect(await answeredFromMemory(node, "c3")).toEqual({ progress: 10, message: "Reading rows: 1,000" });
    // c1 reports again after c2, so c2 is the oldest when a fourth job's report overflows the cap.
    await report(worker, "c1", 50, "Saving");
    expect(await answeredFromMemory(node, "c1")).toEqual({ progress: 50, message: "Saving" });
    await report(worker, "c4", 10, "Reading rows: 1,000");
    expect(await answeredFromMemory(node, "c4")).toEqual({ progress: 10, message: "Reading rows: 1,000" });

    const before = await hgets();
    expect(await node.progressOf("c1")).toEqual({ progress: 50, message: "Saving" });
    expect(await node.progressOf("c3")).toEqual({ progress: 10, message: "Reading rows: 1,000" });
    expect(await hgets()).toBe(before);
    expect(await node.progressOf("c2")).toEqual({ progress: 20, message: "Reading rows: 2,000" });
    expect((await hgets()) - before).toBe(1);
  });

  it("after the stream's connection is lost, is read from the job again, not from what the node knew before", async () => {
    const worker = await openQueue("outage", false);
    const node = await openQueue("outage", true);
    await worker.add({ id: "t3", type: "recalculate" });
    await report(worker, "t3", 30, "Reading rows: 6,000");
    expect(await answeredFromMemory(node, "t3")).toEqual({ progress: 30, message: "Reading rows: 6,000" });
    await redis.stop();
    await redis.start();
    // A report whose event the node never read (as when the stream trimmed it away meanwhile).
    await admin.hset(worker.queue.toKey("t3"), "progress", JSON.stringify({ progress: 70, message: "Saving" }));
    await vi.waitFor(async () => expect(await node.progressOf("t3").catch(() => undefined)).toEqual({ progress: 70, message: "Saving" }), {
      timeout: 15_000,
      interval: 50,
    });
  });
});
