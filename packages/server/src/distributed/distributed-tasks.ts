import type { Task, TaskType } from "@tasklane/contract";
import type { SharedTaskStore, TaskListQuery, TaskPage } from "../stores/task-store.ts";
import { QueuedLimitError } from "../tasks/errors.ts";
import { fairRank } from "../tasks/fair-order.ts";
import { cancelledByCaller, finalFields } from "../tasks/task-ends.ts";
import { withLive } from "../tasks/task-runner.ts";
import {
  type SubmitDetails,
  type SubmitOutcome,
  type TaskBackendOptions,
  type TaskCounts,
  type Tasks,
  TaskBackend,
  repeatOf,
} from "../tasks/tasks.ts";
import { UnavailableError } from "../unavailable.ts";
import type { TaskQueue } from "./task-queue.ts";

export interface DistributedTasksOptions extends TaskBackendOptions {
  store: SharedTaskStore;
  queue: TaskQueue;
}

/**
 * An API node's view of the tasks when workers run them: the row in PostgreSQL holds status,
 * result and error (written together, so no node reads a completed task without its result);
 * the BullMQ job carries the work to a worker and its progress back.
 */
export class DistributedTasks extends TaskBackend implements Tasks {
  readonly #store: SharedTaskStore;
  readonly #queue: TaskQueue;

  constructor(options: DistributedTasksOptions) {
    super(options);
    this.#store = options.store;
    this.#queue = options.queue;
  }

  /**
   * As TaskManager.submit: the same work or idempotency key answers with the first task (a key
   * first used for another type is a conflict), a caller at `maxQueuedPerCaller` is refused, and
   * the job's priority gives the fair order across callers. The count is read before the insert,
   * so submits racing on several nodes may pass the bound by a few; it is there against floods.
   */
  async submit<T extends TaskType>(type: T, request: unknown, owner: string, details: SubmitDetails = {}): Promise<SubmitOutcome<T>> {
    const { input, idempotencyKey, work, task } = this.accept(type, request, details);
    const mine = await this.#store.activeOf(owner);
    if (mine.queued >= this.maxQueuedPerCaller) {
      // A retry of an accepted submit still answers with its task.
      const earlier = await this.#store.findEarlier(owner, idempotencyKey ?? null, work);
      if (!earlier) throw new QueuedLimitError(this.maxQueuedPerCaller);
      return repeatOf(earlier, type, idempotencyKey);
    }
    const outcome = await this.#store.insertOrFind({ task, owner, input, idempotencyKey: idempotencyKey ?? null }, work);
    if (outcome.deduplicated) return repeatOf(outcome.task, type, idempotencyKey);
    try {
      await this.#queue.add(task, fairRank(mine.active));
    } catch (error) {
      // Nothing was accepted: the row goes too, so a retry with the same idempotency key submits afresh.
      this.log.warn({ err: error, taskId: task.id }, "could not enqueue a task");
      await this.#store.delete(task.id);
      throw new UnavailableError("The task queue (Redis) cannot be reached, so the task was not submitted. Try again in a moment.");
    }
    return { task, deduplicated: false };
  }

  async get(id: string, owner: string): Promise<Task | undefined> {
    const stored = await this.#store.get(id);
    if (stored?.owner !== owner) return undefined;
    return this.#withProgress(stored.task);
  }

  async list(query: TaskListQuery): Promise<TaskPage> {
    const page = await this.#store.list(query);
    return { items: await Promise.all(page.items.map((t) => this.#withProgress(t))), nextCursor: page.nextCursor };
  }

  /** A running task's progress is the job's; while Redis is away the row's own fields stand. */
  async #withProgress(task: Task): Promise<Task> {
    return task.status === "running" ? withLive(task, await this.#queue.progressOf(task.id).catch(() => undefined)) : task;
  }

  async cancel(id: string, owner: string): Promise<Task | undefined> {
    const stored = await this.#store.get(id);
    if (stored?.owner !== owner) return undefined;
    if (stored.task.status === "queued") {
      await this.#queue.removeWaiting(id).catch((error: unknown) => this.log.warn({ err: error, taskId: id }, "could not remove a job"));
      const ended = await this.#store.end(id, "queued", finalFields(cancelledByCaller().outcome, 0, this.now()));
      if (ended) return ended;
      // A worker took it meanwhile: cancel it as a running task.
    }
    const marked = await this.#store.requestCancel(id);
    if (marked) {
      // The worker also polls the mark, so a lost message only delays the cancel.
      await this.#queue
        .publishCancel(id)
        .catch((error: unknown) => this.log.warn({ err: error, taskId: id }, "could not publish a cancel"));
      return this.#withProgress(marked);
    }
    return this.get(id, owner);
  }

  uploadsInUse(): Promise<Set<string>> {
    return this.#store.uploadsInUse();
  }

  /** An API node runs nothing itself: the counts are the queue's, across every worker. */
  stats(): Promise<TaskCounts> {
    return this.#queue.counts();
  }

  async close(): Promise<void> {
    this.accepting = false;
  }
}
