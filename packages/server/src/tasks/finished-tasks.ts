import { isFinalStatus, type Task } from "@tasklane/contract";
import type { TaskListQuery, TaskPage } from "../stores/task-store.ts";
import type { TaskCounts, Tasks } from "./tasks.ts";

export interface FinishedTasksOptions {
  /** How long a finished task is kept (Retention's period): past it, the store may no longer have it. */
  retentionMs: number;
  now?: () => Date;
  /** The most characters of task JSON held, all entries together (an import's result lists skipped rows). */
  maxChars?: number;
  /**
   * What is sent for a held task, built once when it is kept (http/fast-task-get.ts: tasks.get's
   * answer); undefined where none can be built. It lives and dies with the task's entry.
   */
  answer?: (task: Task) => string | undefined;
}

/** About 64 MB of JavaScript strings' worth of tasks: tens of thousands of ordinary ones. */
const DEFAULT_MAX_CHARS = 32 * 1024 * 1024;

interface Entry {
  task: Task;
  owner: string;
  /** The task's doneAt plus the retention period, in ms since the epoch. */
  expiresAt: number;
  answer: string | undefined;
  chars: number;
  /** When the entry last went to the end of the Map's order, counted in such moves. */
  placed: number;
}

/**
 * Finished tasks served from this node's memory. A task that has ended never changes again
 * until retention removes it, and retention removes only what ended more than `retentionMs`
 * ago: so an entry is the store's answer for exactly that long, and then the store is asked
 * again (it may still hold the task until the next sweep). Polls of finished tasks then cost
 * the store nothing, on SQLite and on PostgreSQL alike; the node needs no message from the
 * others. Bounded by size: the least recently read go first. A read moves its entry to the end of
 * the order only when a quarter of the entries have moved since it last did (a Map's delete and set
 * cost more than the rest of a poll answered from memory), so an entry read recently is at most a
 * quarter of the entries from the end, whether it moved or not.
 */
export class FinishedTasks implements Tasks {
  readonly #tasks: Tasks;
  readonly #retentionMs: number;
  /** ms since the epoch: Date.now unless a clock is given. */
  readonly #nowMs: () => number;
  readonly #maxChars: number;
  readonly #answer: FinishedTasksOptions["answer"];
  readonly #byId = new Map<string, Entry>();
  #chars = 0;
  #placed = 0;

  constructor(tasks: Tasks, options: FinishedTasksOptions) {
    this.#tasks = tasks;
    this.#retentionMs = options.retentionMs;
    const { now } = options;
    this.#nowMs = now ? () => now().getTime() : Date.now;
    this.#maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
    this.#answer = options.answer;
  }

  get accepting(): boolean {
    return this.#tasks.accepting;
  }

  async get(id: string, owner: string): Promise<Task | undefined> {
    const hit = this.#held(id);
    if (hit !== undefined) return hit.owner === owner ? { ...hit.task } : undefined;
    const task = await this.#tasks.get(id, owner);
    if (task !== undefined && isFinalStatus(task.status) && task.doneAt !== null) {
      const answer = this.#answer?.(task);
      const chars = JSON.stringify(task).length + (answer?.length ?? 0);
      this.#keep(id, { task: { ...task }, owner, expiresAt: task.doneAt.getTime() + this.#retentionMs, answer, chars, placed: 0 });
    }
    return task;
  }

  /**
   * The `answer` built for the finished task `id`, when it is held for `owner` and not past
   * retention; synchronous, so a poll answered from memory waits for nothing. Undefined
   * otherwise: then `get` says what the store has.
   */
  answerOf(id: string, owner: string): string | undefined {
    const hit = this.#held(id);
    return hit !== undefined && hit.owner === owner ? hit.answer : undefined;
  }

  /** Entries held now (for tests and /health-like checks). */
  get size(): number {
    return this.#byId.size;
  }

  /** The entry for `id` if it is still the store's answer, marked as read most recently. */
  #held(id: string): Entry | undefined {
    const hit = this.#byId.get(id);
    if (hit === undefined) return undefined;
    if (this.#nowMs() >= hit.expiresAt) {
      this.#drop(id, hit);
      return undefined;
    }
    if (this.#placed - hit.placed > this.#byId.size >> 2) {
      this.#byId.delete(id);
      this.#byId.set(id, hit);
      hit.placed = ++this.#placed;
    }
    return hit;
  }

  #keep(id: string, entry: Entry): void {
    if (entry.chars > this.#maxChars) return;
    // Two polls that missed at once both keep the task: the second replaces the first.
    const before = this.#byId.get(id);
    if (before !== undefined) this.#drop(id, before);
    this.#byId.set(id, entry);
    entry.placed = ++this.#placed;
    this.#chars += entry.chars;
    if (this.#chars <= this.#maxChars) return;
    for (const [oldest, e] of this.#byId) {
      if (this.#chars <= this.#maxChars) break;
      this.#drop(oldest, e);
    }
  }

  #drop(id: string, entry: Entry): void {
    this.#byId.delete(id);
    this.#chars -= entry.chars;
  }

  // The rest is the backend's: a finished task comes back unchanged from cancel (Tasks.cancel), so what is held stays true.
  readonly submit: Tasks["submit"] = (type, request, owner, details) => this.#tasks.submit(type, request, owner, details);
  readonly list = (query: TaskListQuery): Promise<TaskPage> => this.#tasks.list(query);
  readonly cancel = (id: string, owner: string): Promise<Task | undefined> => this.#tasks.cancel(id, owner);
  readonly uploadsInUse = (): Promise<Set<string>> => this.#tasks.uploadsInUse();
  readonly stats = (): Promise<TaskCounts> => this.#tasks.stats();
  readonly close = (options?: { graceMs?: number }): Promise<void> => this.#tasks.close(options);
}
