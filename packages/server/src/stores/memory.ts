import type { LocalText, Task } from "@tasklane/contract";
import { decodeCursor, isIntegerCursor, pageOf } from "@tasklane/pricing";
import type { StoredTask, TaskListQuery, TaskPage, TaskStore } from "./task-store.ts";
import { TASK_LINES, errorFields } from "../tasks/task-texts.ts";

interface Entry extends StoredTask {
  /** Insertion order; the list cursor is this number, so paging is stable under inserts. */
  seq: number;
}

/** Keeps tasks in this process only: for tests and for a service that may forget on restart. */
export class MemoryTaskStore implements TaskStore {
  readonly #byId = new Map<string, Entry>();
  #seq = 0;

  async insert(stored: StoredTask): Promise<void> {
    if (this.#byId.has(stored.task.id)) throw new Error(`Task ${stored.task.id} is already stored`);
    this.#byId.set(stored.task.id, { ...stored, task: { ...stored.task }, seq: ++this.#seq });
  }

  async update(task: Task): Promise<void> {
    const entry = this.#byId.get(task.id);
    if (entry) entry.task = { ...task };
  }

  async get(id: string): Promise<StoredTask | undefined> {
    const entry = this.#byId.get(id);
    return entry && { task: { ...entry.task }, owner: entry.owner, input: entry.input, idempotencyKey: entry.idempotencyKey };
  }

  async findByIdempotencyKey(owner: string, key: string): Promise<Task | undefined> {
    for (const entry of this.#byId.values()) {
      if (entry.owner === owner && entry.idempotencyKey === key) return { ...entry.task };
    }
    return undefined;
  }

  async list(query: TaskListQuery): Promise<TaskPage> {
    const before = decodeCursor<[number]>(query.cursor, isIntegerCursor)?.[0] ?? Infinity;
    const items: Entry[] = [];
    // Map iteration is insertion order; newest first means walking it backwards.
    const entries = [...this.#byId.values()];
    for (let i = entries.length - 1; i >= 0 && items.length <= query.limit; i--) {
      const e = entries[i]!;
      if (e.seq >= before || e.owner !== query.owner) continue;
      if (query.type && e.task.type !== query.type) continue;
      if (query.status && e.task.status !== query.status) continue;
      if (query.supplier && (e.task.subject as { supplier?: string }).supplier !== query.supplier) continue;
      items.push(e);
    }
    return pageOf(
      items,
      query.limit,
      (e) => ({ ...e.task }),
      (e) => [e.seq],
    );
  }

  async failUnfinished(error: LocalText, at: Date): Promise<number> {
    let count = 0;
    for (const entry of this.#byId.values()) {
      if (entry.task.status !== "queued" && entry.task.status !== "running") continue;
      entry.task = { ...entry.task, status: "error", ...errorFields(error), ...TASK_LINES.failed, doneAt: at };
      count++;
    }
    return count;
  }

  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    let count = 0;
    for (const [id, entry] of this.#byId) {
      if (entry.task.doneAt && entry.task.doneAt < cutoff) {
        this.#byId.delete(id);
        count++;
      }
    }
    return count;
  }

  async close(): Promise<void> {}
}
