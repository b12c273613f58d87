import { TASK_ERROR_MAX_CHARS, TASK_MESSAGE_MAX_CHARS, type Task, type TaskType, taskTypes, truncateText } from "@tasklane/contract";
import type { Logger } from "../logger.ts";
import { summarizeZodError } from "../zod-summary.ts";
import { errorText } from "./errors.ts";
import type { HandlerContext, TaskHandlers } from "./handler.ts";
import { TaskStop, timedOut } from "./stop-reasons.ts";

/** How a run ended: what the task's final status, result and error become. */
export type Outcome =
  | { status: "completed"; result: NonNullable<Task["result"]> }
  | { status: "error" | "cancelled"; error: string };

export interface RunRequest {
  taskId: string;
  type: TaskType;
  input: unknown;
  handlers: TaskHandlers;
  /** Aborted with a TaskStop by a cancel or a shutdown; a timeout aborts it too. */
  controller: AbortController;
  progress: HandlerContext["progress"];
  log: Logger;
  timeoutMs?: number | undefined;
}

/**
 * Runs one task's handler to its outcome; never throws. The embedded manager and the
 * distributed worker both run tasks through here, so a task ends the same way on either.
 */
export async function runHandler(run: RunRequest): Promise<Outcome> {
  const { controller, log } = run;
  const timer = run.timeoutMs ? setTimeout(() => controller.abort(timedOut(run.timeoutMs!)), run.timeoutMs) : undefined;
  timer?.unref();
  try {
    const handler = run.handlers[run.type] as (input: unknown, ctx: HandlerContext) => unknown;
    // A handler's line is cut to the contract's bound here, once for both backends: a file's
    // text that reaches a message must not make every poll of the task large.
    const progress: HandlerContext["progress"] = (percent, message) =>
      run.progress(percent, message === undefined ? undefined : truncateText(String(message), TASK_MESSAGE_MAX_CHARS));
    const context: HandlerContext = { taskId: run.taskId, signal: controller.signal, progress, log };
    // Awaited inside the try, so a synchronous throw ends like a rejection.
    const value = await handler(run.input, context);
    const checked = taskTypes[run.type].result.safeParse(value);
    if (checked.success) return { status: "completed", result: checked.data as NonNullable<Task["result"]> };
    log.error({ issues: checked.error.issues }, "handler returned an invalid result");
    return {
      status: "error",
      error: `The ${run.type} handler returned a result that does not match its schema: ${summarizeZodError(checked.error)}`,
    };
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    if (controller.signal.aborted && reason instanceof TaskStop) return { status: reason.status, error: reason.message };
    log.warn({ err: error }, "task failed");
    return { status: "error", error: errorText(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** 100 is kept for completion, so a bar never shows done before the result is there. */
export const clampProgress = (percent: number): number => Math.min(99, Math.max(0, Math.floor(percent)));

const FINAL_MESSAGE = { completed: "Completed", error: "Failed", cancelled: "Cancelled" } as const;

/** The fields a task's final write sets, the same in every store. */
export function finalFields(outcome: Outcome, progress: number, doneAt: Date) {
  return {
    status: outcome.status,
    progress: outcome.status === "completed" ? 100 : progress,
    message: FINAL_MESSAGE[outcome.status],
    result: outcome.status === "completed" ? outcome.result : null,
    error: outcome.status === "completed" ? null : truncateText(outcome.error, TASK_ERROR_MAX_CHARS),
    doneAt,
  };
}
