import type { Task, TaskType } from "@tasklane/contract";
import { DEFAULT_CONCURRENCY } from "../defaults.ts";
import { CallerCounts, FairQueue, fairRank } from "./fair-order.ts";
import type { TaskHandlers } from "./handler.ts";
import { type TaskStop, cancelledByCaller, finalFields, interruptedByShutdown } from "./task-ends.ts";
import { type RunLedger, TaskRunner, withLive } from "./task-runner.ts";
import { TASK_LINES } from "./task-texts.ts";
import { type Place, type TaskBackendOptions, type TaskCounts, type Tasks, TaskBackend } from "./tasks.ts";

export interface TaskManagerOptions extends TaskBackendOptions {
  handlers: TaskHandlers;
  /** How many tasks run at once; the others wait `queued`, in fair order across callers (fair-order.ts). Default 2. */
  concurrency?: number;
  /** How long a task of a type may run before it ends as `error`. Default: no limit. */
  timeoutsMs?: Partial<Record<TaskType, number>>;
  /**
   * How often a running task's progress is written to the store. Reads in between are served
   * from memory, so a handler may report progress thousands of times a second. Default 250 ms.
   */
  progressFlushMs?: number;
}

/** A task that is queued or running in this process. */
interface ActiveTask {
  /** Its stored state; while it runs, its progress and line are the runner's (withLive). */
  task: Task;
  owner: string;
  input: unknown;
  /** Counted in its owner's waiting tasks: from its submit until it starts or ends. */
  waiting: boolean;
  /** Settles when the task has reached a final status and the store has it. */
  done?: Promise<void>;
}

const copy = (task: Task): Task => ({ ...task });
/** The upload a task input names, if any. */
const uploadIdOf = (input: unknown): string[] =>
  typeof input === "object" && input !== null && "uploadId" in input ? [String(input.uploadId)] : [];

/** Submits, runs, tracks and cancels tasks; the one place a task's status changes. */
export class TaskManager extends TaskBackend implements Tasks {
  readonly #concurrency: number;
  readonly #runner: TaskRunner;
  readonly #active = new Map<string, ActiveTask>();
  readonly #queue = new FairQueue<ActiveTask>();
  /** Per owner: tasks active (queued or running), which rank a new one; tasks waiting, which are bounded. */
  readonly #activeOf = new CallerCounts();
  readonly #waitingOf = new CallerCounts();

  constructor(options: TaskManagerOptions) {
    super(options);
    this.#concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.#runner = new TaskRunner({ ...options, log: this.log, now: this.now });
    if (!Number.isInteger(this.#concurrency) || this.#concurrency < 1) {
      throw new RangeError(`concurrency must be a whole number of at least 1, got ${this.#concurrency}`);
    }
  }

  async uploadsInUse(): Promise<Set<string>> {
    return new Set([...this.#active.values()].flatMap((a) => uploadIdOf(a.input)));
  }

  async stats(): Promise<TaskCounts> {
    return { queued: this.#queue.length, running: this.#runner.running };
  }

  /** Counted before the store is asked, so that concurrent submits cannot pass the bound; it runs when a slot is free. */
  protected async place(owner: string, task: Task, input: unknown): Promise<Place | undefined> {
    if (this.#waitingOf.of(owner) >= this.maxQueuedPerCaller) return undefined;
    const active: ActiveTask = { task, owner, input, waiting: true };
    const rank = fairRank(this.#activeOf.of(owner));
    this.#active.set(task.id, active);
    this.#activeOf.add(owner);
    this.#waitingOf.add(owner);
    return {
      release: () => this.#release(active),
      enqueue: async () => {
        const submitted = copy(task);
        if (!this.accepting) {
          // close() began while the insert was under way: this task will never get a slot.
          await this.#end(active, interruptedByShutdown());
          return copy(task);
        }
        this.#queue.push(active, rank);
        this.#pump();
        return submitted;
      },
    };
  }

  #release(active: ActiveTask): void {
    // Released twice when it ran (at its final write and once its run settles): counted once.
    if (this.#active.delete(active.task.id)) this.#activeOf.remove(active.owner);
    this.#stopWaiting(active);
  }

  #stopWaiting(active: ActiveTask): void {
    if (!active.waiting) return;
    active.waiting = false;
    this.#waitingOf.remove(active.owner);
  }

  /** An active task from memory, without a store read; another from the store. */
  override async get(id: string, owner: string): Promise<Task | undefined> {
    const active = this.#active.get(id);
    if (active) return active.owner === owner ? this.view(active.task) : undefined;
    return super.get(id, owner);
  }

  /**
   * A queued task ends `cancelled` at once; a running one has its AbortSignal fired and ends
   * `cancelled` when its handler stops. A finished task is returned unchanged.
   */
  async cancel(id: string, owner: string): Promise<Task | undefined> {
    const active = this.#active.get(id);
    if (!active) return this.get(id, owner);
    if (active.owner !== owner) return undefined;
    if (active.task.status === "queued") {
      this.#queue.remove(active);
      await this.#end(active, cancelledByCaller());
    } else if (active.task.status === "running") {
      Object.assign(active.task, TASK_LINES.cancelling);
      this.#runner.cancel(active.task.id);
    }
    return this.view(active.task);
  }

  /**
   * Stops taking submits, gives running tasks `graceMs` to finish, then aborts them; queued
   * tasks end as interrupted. Resolves once every task has a final status in the store.
   */
  async close({ graceMs = 0 }: { graceMs?: number } = {}): Promise<void> {
    this.accepting = false;
    for (const queued of this.#queue.drain()) await this.#end(queued, interruptedByShutdown());
    await this.#runner.stop(Promise.all([...this.#active.values()].flatMap((a) => (a.done ? [a.done] : []))), graceMs);
  }

  #pump(): void {
    while (this.accepting && this.#runner.running < this.#concurrency && this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      this.#stopWaiting(next);
      next.done = this.#runner
        .run(next.task.id, this.#ledger(next))
        .catch((error: unknown) => this.log.error({ err: error, taskId: next.task.id }, "a task's outcome could not be stored"))
        .finally(() => {
          this.#release(next);
          this.#pump();
        });
    }
  }

  /** The runner's view of an active task: this process's memory, written through to the store. */
  #ledger(active: ActiveTask): RunLedger {
    const { task } = active;
    return {
      claim: async (at) => {
        Object.assign(task, { status: "running", startedAt: at, ...TASK_LINES.starting });
        await this.#persist(active);
        return { type: task.type, input: active.input };
      },
      progress: (live) => this.store.update(withLive(copy(task), live)),
      finish: async (fields) => {
        Object.assign(task, fields);
        await this.store.update(copy(task));
        this.#release(active);
        return true;
      },
    };
  }

  /** A task as callers read it: an active one from memory, with its run's live progress. */
  protected view(task: Task): Task {
    const active = this.#active.get(task.id);
    return copy(active ? withLive(active.task, this.#runner.live(task.id)) : task);
  }

  /** Ends a task that never ran. */
  async #end(active: ActiveTask, stop: TaskStop): Promise<void> {
    Object.assign(active.task, finalFields(stop.outcome, 0, this.now()));
    await this.#persist(active);
    this.#release(active);
  }

  async #persist(active: ActiveTask): Promise<void> {
    try {
      await this.store.update(copy(active.task));
    } catch (error) {
      // The in-memory state stays right; the next write (or the final one) tries again.
      this.log.error({ err: error, taskId: active.task.id }, "could not write a task to the store");
    }
  }
}
