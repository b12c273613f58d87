import { type Task, type TaskType, text } from "@tasklane/contract";
import type { Logger } from "../logger.ts";
import type { TaskHandlers } from "./handler.ts";
import { DEFAULT_PROGRESS_FLUSH_MS } from "./manager-options.ts";
import { ProgressThrottle } from "./progress-throttle.ts";
import { type FinalFields, clampProgress, finalFields, runHandler } from "./run-handler.ts";
import { type TaskStop, cancelledByCaller, interruptedByShutdown } from "./stop-reasons.ts";
import { messageFields } from "./task-texts.ts";

/** A running task's changing fields, as a run reports them (no messageText in a job an earlier version's worker wrote). */
export type Live = Pick<Task, "progress" | "message"> & Partial<Pick<Task, "messageText">>;

/** What a run needs of the task it claimed. */
export interface Claim {
  type: TaskType;
  input: unknown;
  /** Runs of this task so far, this one included: more than one means its last worker died. */
  attempts?: number;
  /** A cancel came while the task was being claimed. */
  cancelRequested?: boolean;
}

/**
 * Where one run reads and writes its task. The embedded manager answers from memory and its
 * TaskStore; a distributed worker from PostgresTaskStore's claim and finish (as they are) and
 * the BullMQ job's progress.
 */
export interface RunLedger {
  /** Takes the task for this run; undefined when it ended meanwhile (cancelled while queued, removed). */
  claim(at: Date): Promise<Claim | undefined>;
  /** Where callers read progress from while the task runs; called throttled. */
  progress(live: Live): Promise<void>;
  /** The one conditional final write: false when another run took the task over or it ended elsewhere. */
  finish(fields: FinalFields): Promise<boolean>;
}

export interface TaskRunnerOptions {
  handlers: TaskHandlers;
  timeoutsMs?: Partial<Record<TaskType, number>> | undefined;
  /** How often a running task's progress is passed on at most. Default 250 ms. */
  progressFlushMs?: number | undefined;
  log: Logger;
  now: () => Date;
}

interface Run {
  controller: AbortController;
  live: Live;
}

/**
 * Runs tasks for both backends, each as: claim, the handler with its signal and time limit,
 * throttled progress, one conditional final write. What runs when is the caller's business
 * (the embedded manager's in-process queue, or BullMQ).
 */
export class TaskRunner {
  readonly #options: TaskRunnerOptions;
  readonly #runs = new Map<string, Run>();
  #stopping = false;

  constructor(options: TaskRunnerOptions) {
    this.#options = options;
  }

  /** Tasks running here now. */
  get size(): number {
    return this.#runs.size;
  }

  ids(): string[] {
    return [...this.#runs.keys()];
  }

  /** The freshest progress of a task running here, read before the throttle. */
  live(id: string): Live | undefined {
    return this.#runs.get(id)?.live;
  }

  /** Fires the running task's signal; it ends `cancelled` once its handler stops. */
  cancel(id: string): void {
    this.#abort(this.#runs.get(id), cancelledByCaller());
  }

  /**
   * Gives running tasks `graceMs` to end (`settled` resolves once they have), then fires their
   * signals: they end as interrupted. Final writes that fail from then on are given up.
   */
  async stop(settled: Promise<unknown>, graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    this.#stopping = true;
    for (const run of this.#runs.values()) this.#abort(run, interruptedByShutdown());
    await settled;
  }

  #abort(run: Run | undefined, reason: TaskStop): void {
    if (run && !run.controller.signal.aborted) run.controller.abort(reason);
  }

  /** Runs one task to its final write; resolves without running when the claim finds it ended. */
  async run(id: string, ledger: RunLedger): Promise<void> {
    const { log: parentLog, now, handlers, timeoutsMs } = this.#options;
    // Registered before the claim, so a cancel that comes while claiming is not lost.
    const run: Run = { controller: new AbortController(), live: { progress: 0, ...messageFields(text("task.starting")) } };
    this.#runs.set(id, run);
    try {
      const claimed = await ledger.claim(now());
      if (!claimed) return;
      const log = parentLog.child({ taskId: id, taskType: claimed.type, ...(claimed.attempts && { attempt: claimed.attempts }) });
      if ((claimed.attempts ?? 1) > 1) log.warn("running the task again: the worker that had it stopped");
      if (claimed.cancelRequested) this.cancel(id);
      const throttle = new ProgressThrottle(this.#options.progressFlushMs ?? DEFAULT_PROGRESS_FLUSH_MS, () => {
        ledger.progress({ ...run.live }).catch((error: unknown) => log.warn({ err: error }, "could not report progress"));
      });
      const outcome = await runHandler({
        taskId: id,
        type: claimed.type,
        input: claimed.input,
        handlers,
        controller: run.controller,
        log,
        timeoutMs: timeoutsMs?.[claimed.type],
        progress: (percent, message) => {
          if (Number.isFinite(percent)) run.live.progress = clampProgress(percent);
          // A stopping task's line is its stop's ("Cancelling"), not what its handler says while it rolls back.
          if (message !== undefined && !run.controller.signal.aborted) Object.assign(run.live, messageFields(message));
          throttle.changed();
        },
      });
      throttle.stop();
      await this.#finish(ledger, finalFields(outcome, run.live.progress, now()), log);
    } finally {
      this.#runs.delete(id);
    }
  }

  /** The outcome exists only here until written: keep trying through a store outage, until stopping. */
  async #finish(ledger: RunLedger, fields: FinalFields, log: Logger): Promise<void> {
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        if (!(await ledger.finish(fields))) log.warn("the task was taken over or ended elsewhere; this run's outcome is dropped");
        return;
      } catch (error) {
        if (this.#stopping) throw error;
        log.warn({ err: error }, "could not write the task's outcome; retrying");
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}

/**
 * A running task as callers read it: its stored state with the run's live progress and line.
 * Once a cancel was asked the line stays "Cancelling" until the task ends, whatever the
 * handler reports meanwhile: the one rule both backends read a running task by.
 */
export function withLive(task: Task, live: Live | undefined): Task {
  if (task.status !== "running" || live === undefined) return task;
  if (task.messageText?.key === "task.cancelling") return { ...task, progress: live.progress };
  return { ...task, progress: live.progress, message: live.message, messageText: live.messageText ?? null };
}

/** How a cancelled running task reads until its handler stops. */
export const CANCELLING = messageFields(text("task.cancelling"));
