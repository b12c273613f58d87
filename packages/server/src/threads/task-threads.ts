import { Worker } from "node:worker_threads";
import { type LocalText, text, TextError } from "@tasklane/contract";
import { DEFAULT_STOP_GRACE_MS, DEFAULT_TASK_HEAP_MB } from "../defaults.ts";
import type { FromThread, ThreadDatabase, ThreadError, ThreadJob, ThreadResult, ToThread } from "./thread-protocol.ts";

export interface TaskThreadsOptions {
  database: ThreadDatabase;
  /** Heap cap per thread (V8's old generation), MB. */
  heapMb?: number;
  stopGraceMs?: number;
  /** The thread's module; tests give their own to make a thread misbehave on purpose. */
  entry?: URL;
}

export interface ThreadRunContext {
  signal: AbortSignal;
  progress(percent: number, message: LocalText): void;
}

const ENTRY = new URL("./task-thread-entry.mjs", import.meta.url);

/** The text a person reads when a task's thread ran out of its heap. */
export function outOfMemoryText(job: ThreadJob, heapMb: number): LocalText {
  const key = job.type === "stockImport" ? "import.outOfMemory" : job.type === "inspect" ? "preview.outOfMemory" : "task.outOfMemory";
  return text(key, { mb: heapMb });
}

const rebuild = ({ name, message, text }: ThreadError): Error => Object.assign(new Error(message), { name }, text && { text });

/** A job's thread ran out of its heap: the job's input (a file) needs more than the cap. */
export class ThreadMemoryError extends TextError {
  override readonly name = "ThreadMemoryError";
}

/**
 * Runs pricing jobs in worker threads, one job per thread at a time; idle threads are kept for
 * the next job (each has its own database connection). A thread that runs out of its heap, or
 * that a stopped task does not leave within the grace period (a tight loop), is terminated: its
 * connection closes and SQLite or PostgreSQL rolls its transaction back.
 */
export class TaskThreads {
  readonly #database: ThreadDatabase;
  readonly #heapMb: number;
  readonly #stopGraceMs: number;
  readonly #entry: URL;
  readonly #idle: Worker[] = [];
  readonly #busy = new Set<Worker>();
  #closed = false;

  constructor(options: TaskThreadsOptions) {
    this.#database = options.database;
    this.#heapMb = options.heapMb ?? DEFAULT_TASK_HEAP_MB;
    this.#stopGraceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
    this.#entry = options.entry ?? ENTRY;
  }

  /** Threads alive now (busy or idle), for tests and /health. */
  get size(): number {
    return this.#idle.length + this.#busy.size;
  }

  /**
   * Starts one thread ahead of the first task: loading the pricing code takes a thread about a
   * second, which would otherwise count against the first task's time limit.
   */
  warm(): Promise<void> {
    if (this.#closed || this.size > 0) return Promise.resolve();
    const worker = this.#spawn();
    this.#release(worker);
    // A thread's first message is "ready" (thread-protocol.ts); an exit after it rejects nothing.
    return new Promise((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("exit", (code) => reject(new Error(`A task thread stopped while it started (exit code ${code}); see the error above`)));
    });
  }

  run<J extends ThreadJob>(job: J, ctx: ThreadRunContext): Promise<ThreadResult<J>> {
    if (this.#closed) return Promise.reject(new Error("The task threads are closed"));
    ctx.signal.throwIfAborted();
    const worker = this.#idle.pop() ?? this.#spawn();
    this.#busy.add(worker);
    worker.ref();
    return new Promise((resolve, reject) => {
      let failure: Error | undefined;
      let killTimer: NodeJS.Timeout | undefined;
      const finish = (settle: () => void) => {
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        ctx.signal.removeEventListener("abort", onAbort);
        clearTimeout(killTimer);
        this.#busy.delete(worker);
        settle();
      };
      const onMessage = (message: FromThread) => {
        if (message.kind === "ready") return;
        if (message.kind === "progress") return ctx.progress(message.percent, message.message);
        finish(() => {
          this.#release(worker);
          if (message.kind === "done") resolve(message.result as ThreadResult<J>);
          else reject(rebuild(message.error));
        });
      };
      // The thread is gone after an error; its exit (below) comes once its connection is closed.
      const onError = (error: Error & { code?: string }) => {
        failure = error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new ThreadMemoryError(outOfMemoryText(job, this.#heapMb)) : error;
      };
      const onExit = (code: number) =>
        finish(() => {
          if (ctx.signal.aborted) reject(ctx.signal.reason);
          else reject(failure ?? new TextError(text("task.threadStopped", { code })));
        });
      const onAbort = () => {
        worker.postMessage({ kind: "abort" } satisfies ToThread);
        killTimer = setTimeout(() => void worker.terminate(), this.#stopGraceMs).unref();
      };
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      ctx.signal.addEventListener("abort", onAbort, { once: true });
      worker.postMessage({ kind: "run", job } satisfies ToThread);
    });
  }

  /** Terminates every thread; call once no task runs (after the manager or worker closed). */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#idle.splice(0), ...this.#busy];
    await Promise.all(all.map((worker) => worker.terminate()));
  }

  #spawn(): Worker {
    const worker = new Worker(this.#entry, {
      workerData: this.#database,
      resourceLimits: { maxOldGenerationSizeMb: this.#heapMb },
      // Not the parent's flags: a test runner's or a loader's may not suit a plain thread.
      execArgv: [],
    });
    worker.on("exit", () => {
      const at = this.#idle.indexOf(worker);
      if (at >= 0) this.#idle.splice(at, 1);
    });
    // An idle thread's errors (none expected) must not be unhandled; a busy one's reach run().
    worker.on("error", () => undefined);
    return worker;
  }

  #release(worker: Worker): void {
    if (this.#closed) {
      void worker.terminate();
      return;
    }
    // Idle threads must not keep the process alive on their own.
    worker.unref();
    this.#idle.push(worker);
  }
}
