import { QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import type { Live } from "../tasks/task-runner.ts";

/** Jobs whose progress a node keeps at most; past it the oldest go, and are read from their job again. */
export const MAX_FOLLOWED_JOBS = 50_000;

/** A job's progress as workers report it ({ progress, message }), or undefined for anything else. */
export function asLive(value: unknown): Live | undefined {
  return typeof value === "object" && value !== null && "progress" in value && "message" in value ? (value as Live) : undefined;
}

/**
 * The latest progress of running jobs, as an API node learns it from BullMQ's event stream: one
 * blocking read of the stream per node, however many polls it answers, where reading each polled
 * job's progress cost Redis one command per poll of a running task (the first limit of
 * docs/scaling.md: Redis runs commands on one thread). A job it has no progress for (it started
 * following after the job's last report) is read from the job as before.
 *
 * Entries go when their job ends or is removed, and all of them when the stream's connection
 * fails: events lost meanwhile (the stream keeps the last 10,000) must not leave a node
 * answering an older progress than the job's.
 */
export class ProgressEvents {
  readonly #events: QueueEvents;
  readonly #latest = new Map<string, Live>();
  readonly #max: number;

  constructor(redisUrl: string, queueName: string, { maxJobs = MAX_FOLLOWED_JOBS } = {}) {
    this.#max = maxJobs;
    // BullMQ reads the stream on a copy of this client (lazy: this one never connects), and
    // waits through outages on it.
    const connection = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    this.#events = new QueueEvents(queueName, { connection });
    this.#events.on("progress", ({ jobId, data }) => this.#set(jobId, asLive(data)));
    for (const end of ["completed", "failed", "removed"] as const)
      this.#events.on(end, ({ jobId }: { jobId: string }) => this.#latest.delete(jobId));
    // Lost or failing, the stream's connection may have missed reports: every job is read again.
    this.#events.on("error", () => this.#latest.clear());
    this.#events.on("ioredis:close", () => this.#latest.clear());
  }

  /** Resolves once the stream's connection is up. */
  async start(): Promise<void> {
    await this.#events.waitUntilReady();
  }

  /** The job's latest progress, if this node saw it reported. */
  get(id: string): Live | undefined {
    return this.#latest.get(id);
  }

  #set(id: string, live: Live | undefined): void {
    if (live === undefined) return;
    // Re-inserted, so the oldest entry is the job that reported least recently.
    this.#latest.delete(id);
    this.#latest.set(id, live);
    if (this.#latest.size > this.#max) this.#latest.delete(this.#latest.keys().next().value!);
  }

  async close(): Promise<void> {
    await this.#events.close().catch(() => undefined);
  }
}
