import { type LocalText, type Task, type TaskType, taskTypes, text } from "@tasklane/contract";
import type { Logger } from "../logger.ts";
import { summarizeZodError } from "../zod-summary.ts";
import { errorText } from "./errors.ts";
import type { HandlerContext, TaskHandlers } from "./handler.ts";
import { TaskStop, timedOut } from "./stop-reasons.ts";
import { errorFields, messageFields } from "./task-texts.ts";

/** How a run ended: what the task's final status, result and error become. */
export type Outcome =
  | { status: "completed"; result: NonNullable<Task["result"]> }
  | { status: "error" | "cancelled"; error: LocalText };

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
    const context: HandlerContext = { taskId: run.taskId, signal: controller.signal, progress: run.progress, log };
    // A task stopped before its handler began ends by its stop, without running.
    controller.signal.throwIfAborted();
    // Awaited inside the try, so a synchronous throw ends like a rejection.
    const value = await handler(run.input, context);
    const checked = taskTypes[run.type].result.safeParse(value);
    if (checked.success) return { status: "completed", result: checked.data as NonNullable<Task["result"]> };
    log.error({ issues: checked.error.issues }, "handler returned an invalid result");
    return {
      status: "error",
      error: text("task.invalidResult", { type: run.type, detail: summarizeZodError(checked.error) }),
    };
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    if (controller.signal.aborted && reason instanceof TaskStop) return { status: reason.status, error: reason.text };
    log.warn({ err: error }, "task failed");
    return { status: "error", error: errorText(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** 100 is kept for completion, so a bar never shows done before the result is there. */
export const clampProgress = (percent: number): number => Math.min(99, Math.max(0, Math.floor(percent)));

const FINAL_MESSAGE = { completed: text("task.completed"), error: text("task.failed"), cancelled: text("task.cancelled") } as const;

/** The fields a task's final write sets, the same in every store. */
export function finalFields(outcome: Outcome, progress: number, doneAt: Date) {
  return {
    status: outcome.status,
    progress: outcome.status === "completed" ? 100 : progress,
    ...messageFields(FINAL_MESSAGE[outcome.status]),
    result: outcome.status === "completed" ? outcome.result : null,
    ...(outcome.status === "completed" ? { error: null, errorText: null } : errorFields(outcome.error)),
    doneAt,
  };
}

export type FinalFields = ReturnType<typeof finalFields>;
