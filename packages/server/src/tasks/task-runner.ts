import { type Task, type TaskType, taskTypes, text } from "@tasklane/contract";
import type { Logger } from "../logger.ts";
import { summarizeZodError } from "../zod-summary.ts";
import { errorText } from "./errors.ts";
import type { HandlerContext } from "./handler.ts";
import { DEFAULT_PROGRESS_FLUSH_MS } from "../defaults.ts";
import type { TaskManagerOptions } from "./manager.ts";
import { progressThrottle } from "./progress-throttle.ts";
import type { Claimed, FinalFields } from "../stores/task-store.ts";
import { type Outcome, TaskStop, cancelledByCaller, clampProgress, finalFields, interruptedByShutdown, timedOut } from "./task-ends.ts";
import { TASK_LINES, messageFields } from "./task-texts.ts";

/** A running task's changing fields (no messageText in a job an earlier version's worker wrote). */
export type Live = Pick<Task, "progress" | "message"> & Partial<Pick<Task, "messageText">>;

/**
 * Where one run reads and writes its task: the embedded manager's memory and TaskStore, or a
 * worker's shared task store (its claim and finish, as they are) and BullMQ job.
 */
export interface RunLedger {
  /** Takes the task for this run; undefined when it ended meanwhile (cancelled while queued, removed). */
  claim(at: Date): Promise<(Pick<Claimed, "type" | "input"> & Partial<Claimed>) | undefined>;
  /** Where callers read a running task's progress; called throttled. */
  progress(live: Live): Promise<void>;
  /** The one conditional final write: false when another run took the task over or it ended elsewhere. */
  finish(fields: FinalFields): Promise<boolean>;
}

export type TaskRunnerOptions = Pick<TaskManagerOptions, "handlers" | "timeoutsMs" | "progressFlushMs"> & { log: Logger; now: () => Date };

/**
 * Runs tasks on both backends, each as: claim, the handler with its signal and time limit,
 * throttled progress, one conditional final write. When a task runs is the caller's business
 * (the embedded manager's in-process queue, or BullMQ).
 */
export class TaskRunner {
  readonly #runs = new Map<string, { controller: AbortController; live: Live }>();
  #stopping = false;

  constructor(private readonly options: TaskRunnerOptions) {}

  /** Tasks running here now: from the call to run() until its final write is done. */
  ids(): string[] {
    return [...this.#runs.keys()];
  }

  /** How many run here now (ids().length without building the array). */
  get running(): number {
    return this.#runs.size;
  }

  /** The freshest progress of a task running here, ahead of the throttle. */
  live(id: string): Live | undefined {
    return this.#runs.get(id)?.live;
  }

  /** Fires the running task's signal; it ends `cancelled` once its handler stops. */
  cancel(id: string, reason: TaskStop = cancelledByCaller()): void {
    // A signal fired already keeps its first reason: a task timed out stays timed out.
    this.#runs.get(id)?.controller.abort(reason);
  }

  /** Gives running tasks `graceMs` to settle, then fires their signals (they end interrupted) and gives up failing final writes. */
  async stop(settled: Promise<unknown>, graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    this.#stopping = true;
    for (const id of this.#runs.keys()) this.cancel(id, interruptedByShutdown());
    await settled;
  }

  /** Runs one task to its final write; resolves at once when the claim finds it ended. */
  async run(id: string, ledger: RunLedger): Promise<void> {
    // Registered before the claim, so that a cancel coming meanwhile is not lost.
    const run = { controller: new AbortController(), live: { progress: 0, ...TASK_LINES.starting } };
    this.#runs.set(id, run);
    try {
      const claimed = await ledger.claim(this.options.now());
      if (!claimed) return;
      const log = this.options.log.child({ taskId: id, taskType: claimed.type, ...(claimed.attempts && { attempt: claimed.attempts }) });
      if (claimed.cancelRequested) this.cancel(id);
      const throttle = progressThrottle(this.options.progressFlushMs ?? DEFAULT_PROGRESS_FLUSH_MS, () => {
        ledger.progress({ ...run.live }).catch((error: unknown) => log.warn({ err: error }, "could not report progress"));
      });
      if ((claimed.attempts ?? 1) > 1) {
        log.warn("running the task again: the worker that had it stopped");
        // Callers would otherwise read the stopped run's last progress (60%, "Reading rows: 406,000")
        // until this run reports its own.
        throttle.changed();
      }
      const progress: HandlerContext["progress"] = (percent, message) => {
        if (Number.isFinite(percent)) run.live.progress = clampProgress(percent);
        // A stopping task's line is its stop's ("Cancelling"), not what its handler says while it rolls back.
        if (message !== undefined && !run.controller.signal.aborted) Object.assign(run.live, messageFields(message));
        throttle.changed();
      };
      const outcome = await this.#outcome(id, claimed, { taskId: id, signal: run.controller.signal, progress, log });
      throttle.stop();
      await this.#finish(ledger, finalFields(outcome, run.live.progress, this.options.now()), log);
    } finally {
      this.#runs.delete(id);
    }
  }

  /** The handler's outcome, its result checked against the contract; never throws. */
  async #outcome(id: string, task: { type: TaskType; input: unknown }, context: HandlerContext): Promise<Outcome> {
    const limitMs = this.options.timeoutsMs?.[task.type];
    const timer = limitMs ? setTimeout(() => this.cancel(id, timedOut(limitMs)), limitMs).unref() : undefined;
    try {
      // A task stopped before its handler began ends by its stop, without running.
      context.signal.throwIfAborted();
      const handler = this.options.handlers[task.type] as (input: unknown, ctx: HandlerContext) => unknown;
      // Awaited inside the try, so a synchronous throw ends like a rejection.
      const checked = taskTypes[task.type].result.safeParse(await handler(task.input, context));
      if (checked.success) return { status: "completed", result: checked.data as NonNullable<Task["result"]> };
      context.log.error({ issues: checked.error.issues }, "handler returned an invalid result");
      return { status: "error", error: text("task.invalidResult", { type: task.type, detail: summarizeZodError(checked.error) }) };
    } catch (error) {
      const reason: unknown = context.signal.reason;
      if (context.signal.aborted && reason instanceof TaskStop) return reason.outcome;
      context.log.warn({ err: error }, "task failed");
      return { status: "error", error: errorText(error) };
    } finally {
      clearTimeout(timer);
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
 * A running task as callers read it, on both backends: its stored state with the run's live
 * progress and line; once a cancel was asked the line stays "Cancelling" until the task ends.
 */
export function withLive(task: Task, live: Live | undefined): Task {
  if (task.status !== "running" || live === undefined) return task;
  if (task.messageText?.key === "task.cancelling") return { ...task, progress: live.progress };
  return { ...task, progress: live.progress, message: live.message, messageText: live.messageText ?? null };
}
