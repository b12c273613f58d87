import { randomUUID } from "node:crypto";
import { type Job, Worker } from "bullmq";
import { Redis } from "ioredis";
import { type Logger, silentLogger } from "../logger.ts";
import { DEFAULT_CONCURRENCY, DEFAULT_STALLED_MS } from "../defaults.ts";
import type { TaskManagerOptions } from "../tasks/manager.ts";
import { finalFields, workerInterrupted } from "../tasks/task-ends.ts";
import { TaskRunner } from "../tasks/task-runner.ts";
import type { SharedTaskStore } from "../stores/task-store.ts";
import { type JobData, type QueueSettings, TaskQueue, cancelChannel } from "./task-queue.ts";

/** How often a worker looks for cancel marks it may have missed on the Redis channel. */
const CANCEL_POLL_MS = 1_000;

export interface TaskWorkerOptions
  extends QueueSettings, Pick<TaskManagerOptions, "handlers" | "concurrency" | "timeoutsMs" | "progressFlushMs" | "log" | "now"> {
  store: SharedTaskStore;
  /**
   * How long a job's lock lasts without renewal: a worker silent this long (killed, frozen) has
   * its task taken by another worker, once. Also how often the stalled check runs. Default 30 s.
   */
  stalledMs?: number;
}

/**
 * A worker process: takes jobs from the BullMQ queue and runs their tasks with the runner the
 * embedded manager uses (task-runner.ts), progress through the job, the outcome to the row.
 * Cancels arrive on a Redis channel (and, as a fallback, as a mark on the row it polls); a
 * task whose worker died runs again once elsewhere.
 */
export class TaskWorker {
  readonly #options: TaskWorkerOptions;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #runner: TaskRunner;
  readonly #queue: TaskQueue;
  #worker: Worker<JobData> | undefined;
  #subscriber: Redis | undefined;
  /** Given to BullMQ, which does not close a connection it was handed. */
  #connection: Redis | undefined;
  #timers: NodeJS.Timeout[] = [];

  constructor(options: TaskWorkerOptions) {
    this.#options = options;
    this.#log = options.log ?? silentLogger;
    this.#now = options.now ?? (() => new Date());
    this.#queue = new TaskQueue(options);
    this.#runner = new TaskRunner({ ...options, log: this.#log, now: this.#now });
  }

  async start(): Promise<void> {
    const { redisUrl, queueName } = this.#options;
    const stalledMs = this.#options.stalledMs ?? DEFAULT_STALLED_MS;
    await this.#queue.start();
    this.#subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.#subscriber.on("error", () => undefined);
    this.#subscriber.on("message", (_channel, id: string) => this.#runner.cancel(id));
    await this.#subscriber.subscribe(cancelChannel(queueName));
    this.#worker = new Worker<JobData>(queueName, (job) => this.#run(job), {
      // BullMQ's blocking connection must wait through outages rather than fail its commands.
      connection: (this.#connection = new Redis(redisUrl, { maxRetriesPerRequest: null })),
      concurrency: this.#options.concurrency ?? DEFAULT_CONCURRENCY,
      lockDuration: stalledMs,
      stalledInterval: stalledMs,
      maxStalledCount: 1,
    });
    this.#worker.on("error", (error) => this.#log.warn({ err: error }, "queue connection error; retrying"));
    this.#worker.on("stalled", (id) => this.#log.warn({ taskId: id }, "a task's worker stopped; it runs again"));
    this.#worker.on("lockRenewalFailed", (ids: string[]) => this.#log.warn({ taskIds: ids }, "could not renew job locks"));
    // Started means connected: BullMQ's blocking connection (a duplicate) is still in its handshake here, and a
    // close() during it disconnects it and re-emits the rejection after removing its listeners: unhandled
    // "Connection is closed." (the rejection vitest.config.ts once let through).
    await this.#worker.waitUntilReady();
    this.#timers.push(
      setInterval(() => void this.#pollCancels(), CANCEL_POLL_MS).unref(),
      setInterval(() => void this.sweep(stalledMs), stalledMs).unref(),
    );
  }

  /** The claim and the final write carry this run's token: a run another worker took over cannot overwrite it. */
  #run(job: Job<JobData>): Promise<void> {
    const { store } = this.#options;
    const id = job.data.taskId;
    const runToken = randomUUID();
    return this.#runner.run(id, {
      claim: (at) => store.claim(id, runToken, at),
      progress: (live) => job.updateProgress(live),
      finish: (fields) => store.finish(id, runToken, fields),
    });
  }

  async #pollCancels(): Promise<void> {
    try {
      for (const id of await this.#options.store.cancelRequested(this.#runner.ids())) this.#runner.cancel(id);
    } catch (error) {
      this.#log.warn({ err: error }, "could not check for cancels");
    }
  }

  /**
   * Ends unfinished tasks that no job will ever run: the job failed its stalled limit (its
   * worker died twice), or vanished (Redis lost it). A queued task whose job vanished is
   * enqueued again instead: nothing a caller submitted is lost.
   */
  async sweep(graceMs: number): Promise<number> {
    let ended = 0;
    try {
      for (const row of await this.#options.store.unfinishedBefore(new Date(this.#now().getTime() - graceMs))) {
        const state = await this.#queue.stateOf(row.id);
        if (state === "missing" && row.status === "queued") {
          await this.#queue.add(row);
          this.#log.warn({ taskId: row.id }, "a queued task had no job; enqueued it again");
        } else if (state === "missing" || state === "failed" || state === "completed") {
          if (await this.#options.store.end(row.id, "unfinished", finalFields(workerInterrupted().outcome, 0, this.#now()))) ended++;
          this.#log.warn({ taskId: row.id, jobState: state }, "ended a task no worker holds as interrupted");
        }
      }
    } catch (error) {
      this.#log.warn({ err: error }, "the unfinished-task sweep failed; it runs again later");
    }
    return ended;
  }

  /** Takes no new jobs, gives running ones `graceMs`, then aborts them; they end as interrupted. */
  async close({ graceMs = 0 }: { graceMs?: number } = {}): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    await this.#runner.stop(this.#worker?.close() ?? Promise.resolve(), graceMs);
    for (const redis of [this.#subscriber, this.#connection]) await redis?.quit().catch(() => undefined);
    await this.#queue.close();
  }
}
