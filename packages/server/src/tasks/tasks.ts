import { randomUUID } from "node:crypto";
import { type Task, type TaskInput, type TaskSubject, type TaskType, submitSchemas, taskSubject } from "@tasklane/contract";
import { DEFAULT_MAX_QUEUED_PER_CALLER } from "../defaults.ts";
import { type Logger, silentLogger } from "../logger.ts";
import type { TaskListQuery, TaskPage, TaskStore } from "../stores/task-store.ts";
import { IdempotencyKeyConflictError, QueuedLimitError, ServiceStoppingError } from "./errors.ts";
import { TASK_LINES } from "./task-texts.ts";

/** What a submit knows beyond its input: the uploaded file's name, which the input names only by id. */
export interface SubmitDetails {
  fileName?: string | undefined;
}

export interface TaskCounts {
  queued: number;
  running: number;
}

export interface SubmitOutcome<T extends TaskType> {
  task: Task<T>;
  /** The task was already there: same work still active, or the same idempotency key. */
  deduplicated: boolean;
}

/**
 * What the API asks of the task backend: the embedded TaskManager (tasks run in this process)
 * and the distributed backend (tasks run on workers through Redis) both answer it, so the
 * router, the fast path and the REST route change nothing between the two.
 */
export interface Tasks {
  /** False once the node stops taking submits. */
  readonly accepting: boolean;
  /** `details`: what the router learnt checking the submit (an import's file name), for Task.subject. */
  submit<T extends TaskType>(type: T, request: unknown, owner: string, details?: SubmitDetails): Promise<SubmitOutcome<T>>;
  /** The task, or undefined when there is none with this id for this owner. */
  get(id: string, owner: string): Promise<Task | undefined>;
  list(query: TaskListQuery): Promise<TaskPage>;
  /** Cancels a queued or running task; a finished one comes back unchanged. */
  cancel(id: string, owner: string): Promise<Task | undefined>;
  /** Upload ids that queued or running tasks still need (retention keeps them). */
  uploadsInUse(): Promise<Set<string>>;
  /** For /health: tasks waiting for a slot or a worker, and tasks running, on this deployment. */
  stats(): Promise<TaskCounts>;
  close(options?: { graceMs?: number }): Promise<void>;
}

export interface TaskBackendOptions<S extends TaskStore = TaskStore> {
  store: S;
  /** How many queued tasks one caller may have; a submit past it is refused (429). Default 1,000. */
  maxQueuedPerCaller?: number;
  log?: Logger;
  /** Injectable for tests. */
  now?: () => Date;
  newId?: () => string;
}

/** A submitted task's place until it is stored: its caller's count taken, given back if it is not. */
export interface Place {
  release(): void;
  /** Hands the stored task over to be run; resolves with the task as the submit answers it. */
  enqueue(): Promise<Task>;
}

/**
 * What both backends (TaskManager, DistributedTasks) do alike: submit (the limit, deduplication
 * by the store, the answer to a repeat) and list; how a task waits and runs is theirs.
 */
export abstract class TaskBackend<S extends TaskStore = TaskStore> {
  /** False once the node stops taking submits (Tasks.accepting). */
  accepting = true;
  protected readonly store: S;
  protected readonly maxQueuedPerCaller: number;
  protected readonly log: Logger;
  protected readonly now: () => Date;
  readonly #newId: () => string;

  constructor(options: TaskBackendOptions<S>) {
    this.store = options.store;
    this.maxQueuedPerCaller = options.maxQueuedPerCaller ?? DEFAULT_MAX_QUEUED_PER_CALLER;
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
    if (!Number.isInteger(this.maxQueuedPerCaller) || this.maxQueuedPerCaller < 1) {
      throw new RangeError(`maxQueuedPerCaller must be a whole number of at least 1, got ${this.maxQueuedPerCaller}`);
    }
  }

  /** A place for the caller's new task, in fair order across callers; undefined when the caller has `maxQueuedPerCaller` waiting. */
  protected abstract place(owner: string, task: Task, input: unknown): Promise<Place | undefined>;
  /** A task as callers read it: a running one with its run's live progress. */
  protected abstract view(task: Task): Task | Promise<Task>;

  /**
   * Stores the task as `queued` and answers at once. The same work while it is active, or the
   * same idempotency key, answers with the first task instead (a key first used for another
   * task type is a conflict); the store decides. A caller with `maxQueuedPerCaller` tasks
   * waiting is refused. The request is checked here too (the router did already): this guards
   * callers that reach a backend directly.
   */
  async submit<T extends TaskType>(type: T, request: unknown, owner: string, details: SubmitDetails = {}): Promise<SubmitOutcome<T>> {
    if (!this.accepting) throw new ServiceStoppingError();
    const { idempotencyKey, ...input } = submitSchemas[type].parse(request) as { idempotencyKey?: string };
    const work = dedupKey(type, input as never);
    const task = newTask(type, this.#newId(), this.now(), taskSubject(type, input as TaskInput<T>, details.fileName ?? null));
    const place = await this.place(owner, task, input);
    if (!place) {
      // A retry of an accepted submit still answers with its task.
      const earlier = await this.store.findEarlier(owner, idempotencyKey ?? null, work);
      if (!earlier) throw new QueuedLimitError(this.maxQueuedPerCaller);
      return repeatOf(await this.view(earlier), type, idempotencyKey);
    }
    const stored = await this.store
      .insertOrFind({ task: { ...task }, owner, input, idempotencyKey: idempotencyKey ?? null }, work)
      .catch((error: unknown) => {
        place.release();
        throw error;
      });
    if (!stored.deduplicated) return { task: (await place.enqueue()) as Task<T>, deduplicated: false };
    place.release();
    return repeatOf(await this.view(stored.task), type, idempotencyKey);
  }

  /** The task, or undefined when there is none with this id for this owner. */
  async get(id: string, owner: string): Promise<Task | undefined> {
    const stored = await this.store.get(id);
    return stored?.owner === owner ? this.view(stored.task) : undefined;
  }

  /** Newest first; running tasks with their live progress. */
  async list(query: TaskListQuery): Promise<TaskPage> {
    const page = await this.store.list(query);
    return { items: await Promise.all(page.items.map(async (task) => this.view(task))), nextCursor: page.nextCursor };
  }
}

/**
 * The answer to a submit that repeats an earlier one (same work, or the same idempotency key).
 * The same work is always of the same type, so another type means the key was reused for
 * different work: that is refused rather than answered with a task of the wrong type.
 */
function repeatOf<T extends TaskType>(earlier: Task, type: T, idempotencyKey: string | undefined): SubmitOutcome<T> {
  if (earlier.type !== type) throw new IdempotencyKeyConflictError(idempotencyKey ?? "", earlier.type);
  return { task: { ...earlier } as Task<T>, deduplicated: true };
}

/**
 * Which running work a new submit would repeat: one recalculation at a time, one pricelist per
 * source, one import per supplier and kind. A second submit of the same work, while the first
 * is queued or running, answers with the first task.
 */
export function dedupKey<T extends TaskType>(type: T, input: TaskInput<T>): string {
  const i: TaskInput = input;
  switch (type) {
    case "recalculate":
      return type;
    case "pricelistCreate":
      return `${type}:${(i as TaskInput<"pricelistCreate">).source}`;
    case "stockImport": {
      const { supplier, kind } = i as TaskInput<"stockImport">;
      return `${type}:${kind}:${supplier}`;
    }
    default: {
      const unknown: never = type;
      throw new Error(`No dedup rule for task type ${String(unknown)}`);
    }
  }
}

/** A task as a submit creates it, on either backend: queued, with the line a person reads while it waits. */
export function newTask<T extends TaskType>(type: T, id: string, createdAt: Date, subject: TaskSubject<T>): Task<T> {
  return {
    id,
    type,
    subject,
    status: "queued",
    progress: 0,
    ...TASK_LINES.queued,
    result: null,
    error: null,
    errorText: null,
    createdAt,
    startedAt: null,
    doneAt: null,
  } as Task<T>;
}
