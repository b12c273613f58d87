import type { Task } from "@tasklane/contract";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { Live } from "../tasks/task-runner.ts";
import { asLive, ProgressEvents } from "./progress-events.ts";

/** A job carries only the task's id: the input and the outcome live in the task's row. */
export interface JobData {
  taskId: string;
}

export interface QueueSettings {
  redisUrl: string;
  /** BullMQ queue name; every API node and worker of one deployment uses the same. */
  queueName: string;
  /** Finished jobs are removed after this long, as finished tasks are. */
  retentionMs: number;
}

/** BullMQ's largest priority (2^21 - 1); lower runs first, equal ones in the order added. */
const MAX_PRIORITY = 2 ** 21 - 1;

export const cancelChannel = (queueName: string) => `tasklane:${queueName}:cancel`;

/** The API nodes' side of the BullMQ queue: enqueue, remove, read progress, publish cancels. */
export class TaskQueue {
  readonly queue: Queue<JobData>;
  readonly #redis: Redis;
  /** An API node's: running jobs' progress as the event stream reports it (workers read none). */
  readonly #progress: ProgressEvents | undefined;

  constructor(
    private readonly settings: QueueSettings,
    // maxFollowedJobs is for tests, to reach the cap; left out, ProgressEvents keeps its own.
    { followProgress = false, maxFollowedJobs }: { followProgress?: boolean; maxFollowedJobs?: number } = {},
  ) {
    // Fails at once while Redis is away, instead of queueing commands for later: a submit must answer 503 now, not hang until Redis returns.
    this.#redis = new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.queue = new Queue<JobData>(settings.queueName, { connection: this.#redis });
    this.#progress = followProgress ? new ProgressEvents(settings.redisUrl, settings.queueName, { maxJobs: maxFollowedJobs }) : undefined;
  }

  /** Resolves once Redis answers (BullMQ connects the client itself). */
  async start(): Promise<void> {
    await this.queue.waitUntilReady();
    await this.#progress?.start();
  }

  /**
   * The task id is the job id, so adding the same task twice is a no-op. `rank` orders waiting
   * jobs fairly across callers (tasks/fair-order.ts); rank 0, the default, is the front.
   */
  async add(task: Pick<Task, "id" | "type">, rank = 0): Promise<void> {
    const age = Math.ceil(this.settings.retentionMs / 1000);
    await this.queue.add(
      task.type,
      { taskId: task.id },
      {
        jobId: task.id,
        // Every job gets one: BullMQ runs jobs without a priority (0) before all prioritized ones.
        priority: Math.min(rank + 1, MAX_PRIORITY),
        // A failed run is final (the task's row says why); a dead worker's job is re-run by the stalled check.
        attempts: 1,
        removeOnComplete: { age },
        removeOnFail: { age },
      },
    );
  }

  /** Removes a job no worker took yet; a job a worker holds (locked) stays. */
  async removeWaiting(id: string): Promise<void> {
    const job = await this.queue.getJob(id);
    await job?.remove().catch(() => undefined);
  }

  /**
   * The job's latest progress: as the event stream last reported it, or else one Redis read;
   * undefined when there is none yet.
   */
  async progressOf(id: string): Promise<Live | undefined> {
    const followed = this.#progress?.get(id);
    if (followed) return followed;
    const raw = await this.#redis.hget(this.queue.toKey(id), "progress");
    return raw ? asLive(JSON.parse(raw)) : undefined;
  }

  /** Jobs waiting for a worker (every job has a priority, so BullMQ keeps them as "prioritized") and jobs a worker runs. */
  async counts(): Promise<{ queued: number; running: number }> {
    const counts = await this.queue.getJobCounts("waiting", "prioritized", "active");
    return { queued: (counts.waiting ?? 0) + (counts.prioritized ?? 0), running: counts.active ?? 0 };
  }

  /** 'active', 'waiting', 'failed', ... or 'missing' when Redis has no such job. */
  async stateOf(id: string): Promise<string> {
    const job = await this.queue.getJob(id);
    return job ? await job.getState() : "missing";
  }

  async publishCancel(id: string): Promise<void> {
    await this.#redis.publish(cancelChannel(this.settings.queueName), id);
  }

  /** QUIT, not a disconnect: commands still in flight (BullMQ's own among them) finish first instead of rejecting. */
  async close(): Promise<void> {
    await this.#progress?.close();
    await this.queue.close();
    await this.#redis.quit().catch(() => undefined);
  }
}
