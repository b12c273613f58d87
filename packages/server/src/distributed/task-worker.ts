import { randomUUID } from "node:crypto";
import { type Job, Worker } from "bullmq";
import { Redis } from "ioredis";
import { ENGLISH_TEXTS, text } from "@tasklane/contract";
import { type Logger, silentLogger } from "../logger.ts";
import type { TaskHandlers } from "../tasks/handler.ts";
import type { TaskManagerOptions } from "../tasks/manager-options.ts";
import { DEFAULT_CONCURRENCY, DEFAULT_PROGRESS_FLUSH_MS } from "../tasks/manager-options.ts";
import { type Outcome, clampProgress, finalFields, runHandler } from "../tasks/run-handler.ts";
import { cancelledByCaller, interruptedByShutdown } from "../tasks/stop-reasons.ts";
import { messageFields } from "../tasks/task-texts.ts";
import type { PostgresTaskStore } from "./postgres-task-store.ts";
import { type JobData, type JobProgress, type QueueSettings, TaskQueue, cancelChannel } from "./task-queue.ts";

export const DEFAULT_STALLED_MS = 30_000;
/** How often a worker looks for cancel marks it may have missed on the Redis channel. */
const CANCEL_POLL_MS = 1_000;
/** The English error of a task whose worker died and that no other worker could finish. */
export const WORKER_INTERRUPTED_TEXT = ENGLISH_TEXTS["task.workerInterrupted"];

export interface TaskWorkerOptions extends QueueSettings {
  store: PostgresTaskStore;
  handlers: TaskHandlers;
  concurrency?: number;
  timeoutsMs?: TaskManagerOptions["timeoutsMs"];
  /**
   * How long a job's lock lasts without renewal: a worker silent this long (killed, frozen) has
   * its task taken by another worker, once. Also how often the stalled check runs. Default 30 s.
   */
  stalledMs?: number;
  progressFlushMs?: number;
  log?: Logger;
  now?: () => Date;
}

interface Running {
  controller: AbortController;
}

/**
 * A worker process's runner: takes jobs from the BullMQ queue, runs the task's handler with the
 * same rules as the embedded manager (run-handler.ts), reports progress through the job, and
 * writes the outcome to the task's row. Cancels arrive on a Redis channel (and, as a fallback,
 * as a mark on the row it polls); a task whose worker died runs again once elsewhere.
 */
export class TaskWorker {
  readonly #options: TaskWorkerOptions;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #running = new Map<string, Running>();
  readonly #queue: TaskQueue;
  #worker: Worker<JobData> | undefined;
  #subscriber: Redis | undefined;
  /** Given to BullMQ, which does not close a connection it was handed. */
  #connection: Redis | undefined;
  #timers: NodeJS.Timeout[] = [];
  #closing = false;

  constructor(options: TaskWorkerOptions) {
    this.#options = options;
    this.#log = options.log ?? silentLogger;
    this.#now = options.now ?? (() => new Date());
    this.#queue = new TaskQueue(options);
  }

  get runningCount(): number {
    return this.#running.size;
  }

  async start(): Promise<void> {
    const { redisUrl, queueName } = this.#options;
    const stalledMs = this.#options.stalledMs ?? DEFAULT_STALLED_MS;
    await this.#queue.start();
    this.#subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.#subscriber.on("error", () => undefined);
    this.#subscriber.on("message", (_channel, id: string) => this.#abort(id));
    await this.#subscriber.subscribe(cancelChannel(queueName));
    this.#worker = new Worker<JobData>(queueName, (job) => this.#process(job), {
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

  async #process(job: Job<JobData>): Promise<void> {
    const id = job.data.taskId;
    const runToken = randomUUID();
    const claimed = await this.#options.store.claim(id, runToken, this.#now());
    if (!claimed) return; // cancelled while queued, or removed
    const log = this.#log.child({ taskId: id, taskType: claimed.type, attempt: claimed.attempts });
    if (claimed.attempts > 1) log.warn("running the task again: the worker that had it stopped");
    const controller = new AbortController();
    this.#running.set(id, { controller });
    if (claimed.cancelRequested) controller.abort(cancelledByCaller());
    const reported: JobProgress = { progress: 0, ...messageFields(text("task.starting")) };
    let flush: NodeJS.Timeout | undefined;
    let sentAt = 0;
    const flushMs = this.#options.progressFlushMs ?? DEFAULT_PROGRESS_FLUSH_MS;
    try {
      const outcome = await runHandler({
        taskId: id,
        type: claimed.type,
        input: claimed.input,
        handlers: this.#options.handlers,
        controller,
        log,
        timeoutMs: this.#options.timeoutsMs?.[claimed.type],
        progress: (percent, message) => {
          if (Number.isFinite(percent)) reported.progress = clampProgress(percent);
          if (message !== undefined) Object.assign(reported, messageFields(message));
          if (flush) return;
          // At once after a quiet spell, then at most once per flushMs: one Redis write however often a handler reports.
          flush = setTimeout(() => {
            flush = undefined;
            sentAt = Date.now();
            job.updateProgress({ ...reported }).catch((error: unknown) => log.warn({ err: error }, "could not report progress"));
          }, Math.max(0, sentAt + flushMs - Date.now())).unref();
        },
      });
      clearTimeout(flush);
      await this.#writeOutcome(id, runToken, outcome, reported.progress, log);
    } finally {
      clearTimeout(flush);
      this.#running.delete(id);
    }
  }

  /** The result exists only here until written: keep trying through a database outage. */
  async #writeOutcome(id: string, runToken: string, outcome: Outcome, progress: number, log: Logger): Promise<void> {
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        const written = await this.#options.store.finish(id, runToken, finalFields(outcome, progress, this.#now()));
        if (!written) log.warn("the task was taken over or ended elsewhere; this run's outcome is dropped");
        return;
      } catch (error) {
        if (this.#closing) throw error;
        log.warn({ err: error }, "could not write the task's outcome; retrying");
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  #abort(id: string): void {
    const running = this.#running.get(id);
    if (running && !running.controller.signal.aborted) running.controller.abort(cancelledByCaller());
  }

  async #pollCancels(): Promise<void> {
    try {
      for (const id of await this.#options.store.cancelRequested([...this.#running.keys()])) this.#abort(id);
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
          const fields = finalFields({ status: "error", error: text("task.workerInterrupted") }, 0, this.#now());
          if (await this.#options.store.end(row.id, "unfinished", fields)) ended++;
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
    const closing = this.#worker?.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const { controller } of this.#running.values()) controller.abort(interruptedByShutdown());
    this.#closing = true;
    await closing;
    for (const redis of [this.#subscriber, this.#connection]) await redis?.quit().catch(() => undefined);
    await this.#queue.close();
  }
}
