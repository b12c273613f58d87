import type { Task } from "@tasklane/contract";
import type { SharedTaskStore } from "../stores/task-store.ts";
import { fairRank } from "../tasks/fair-order.ts";
import { cancelledByCaller, finalFields } from "../tasks/task-ends.ts";
import { withLive } from "../tasks/task-runner.ts";
import { type Place, type TaskBackendOptions, type TaskCounts, type Tasks, TaskBackend } from "../tasks/tasks.ts";
import { UnavailableError } from "../unavailable.ts";
import type { TaskQueue } from "./task-queue.ts";

export interface DistributedTasksOptions extends TaskBackendOptions<SharedTaskStore> {
  queue: TaskQueue;
}

/**
 * An API node's view of the tasks when workers run them: the row in PostgreSQL holds status,
 * result and error (written together, so no node reads a completed task without its result);
 * the BullMQ job carries the work to a worker and its progress back.
 */
export class DistributedTasks extends TaskBackend<SharedTaskStore> implements Tasks {
  readonly #queue: TaskQueue;

  constructor(options: DistributedTasksOptions) {
    super(options);
    this.#queue = options.queue;
  }

  /**
   * The caller's count is read before the insert, so submits racing on several nodes may pass
   * the bound by a few; it is there against floods. The job's priority gives the fair order.
   */
  protected async place(owner: string, task: Task): Promise<Place | undefined> {
    const mine = await this.store.activeOf(owner);
    if (mine.queued >= this.maxQueuedPerCaller) return undefined;
    return {
      release: () => undefined,
      enqueue: async () => {
        try {
          await this.#queue.add(task, fairRank(mine.active));
        } catch (error) {
          // Nothing was accepted: the row goes too, so a retry with the same idempotency key submits afresh.
          this.log.warn({ err: error, taskId: task.id }, "could not enqueue a task");
          await this.store.delete(task.id);
          throw new UnavailableError("The task queue (Redis) cannot be reached, so the task was not submitted. Try again in a moment.");
        }
        return task;
      },
    };
  }

  /** A running task's progress is the job's; while Redis is away the row's own fields stand. */
  protected async view(task: Task): Promise<Task> {
    return task.status === "running" ? withLive(task, await this.#queue.progressOf(task.id).catch(() => undefined)) : task;
  }

  async cancel(id: string, owner: string): Promise<Task | undefined> {
    const stored = await this.store.get(id);
    if (stored?.owner !== owner) return undefined;
    if (stored.task.status === "queued") {
      await this.#queue.removeWaiting(id).catch((error: unknown) => this.log.warn({ err: error, taskId: id }, "could not remove a job"));
      const ended = await this.store.end(id, "queued", finalFields(cancelledByCaller().outcome, 0, this.now()));
      if (ended) return ended;
      // A worker took it meanwhile: cancel it as a running task.
    }
    const marked = await this.store.requestCancel(id);
    if (marked) {
      // The worker also polls the mark, so a lost message only delays the cancel.
      await this.#queue
        .publishCancel(id)
        .catch((error: unknown) => this.log.warn({ err: error, taskId: id }, "could not publish a cancel"));
      return this.view(marked);
    }
    return this.get(id, owner);
  }

  uploadsInUse(): Promise<Set<string>> {
    return this.store.uploadsInUse();
  }

  /** An API node runs nothing itself: the counts are the queue's, across every worker. */
  stats(): Promise<TaskCounts> {
    return this.#queue.counts();
  }

  async close(): Promise<void> {
    this.accepting = false;
  }
}
