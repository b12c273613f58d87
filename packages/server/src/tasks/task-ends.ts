import { ENGLISH_TEXTS, type FinalStatus, type LocalText, type Task, localize, text } from "@tasklane/contract";
import type { FinalFields } from "../stores/task-store.ts";
import { TASK_LINES, errorFields } from "./task-texts.ts";

/** How a run ended: what the task's final status, result and error become. */
export type Outcome = { status: "completed"; result: NonNullable<Task["result"]> } | { status: "error" | "cancelled"; error: LocalText };

/** 100 is kept for completion, so a bar never shows done before the result is there. */
export const clampProgress = (percent: number): number => Math.min(99, Math.max(0, Math.floor(percent)));

const FINAL_LINE = { completed: TASK_LINES.completed, error: TASK_LINES.failed, cancelled: TASK_LINES.cancelled } as const;

/** The fields a task's final write sets, the same in every store and on both backends. */
export function finalFields(outcome: Outcome, progress: number, doneAt: Date): FinalFields {
  return {
    status: outcome.status,
    progress: outcome.status === "completed" ? 100 : progress,
    ...FINAL_LINE[outcome.status],
    result: outcome.status === "completed" ? outcome.result : null,
    ...(outcome.status === "completed" ? { error: null, errorText: null } : errorFields(outcome.error)),
    doneAt,
  };
}

/**
 * The reason given to a task's AbortController. It says how the task ends once its handler
 * stops, so that a cancel, a timeout and a shutdown each end with their own text.
 */
export class TaskStop extends Error {
  /** How the task ends. */
  readonly outcome: Outcome;
  constructor(
    status: Exclude<FinalStatus, "completed">,
    readonly text: LocalText,
  ) {
    super(localize(text, "en"));
    // Handlers and libraries recognise an abort by this name (DOMException's convention).
    this.name = "AbortError";
    this.outcome = { status, error: text };
  }
}

/** The English error of a task that a stop of the server interrupted. */
export const INTERRUPTED_TEXT = ENGLISH_TEXTS["task.interrupted"];
/** The English error of a task whose worker died and that no other worker could finish. */
export const WORKER_INTERRUPTED_TEXT = ENGLISH_TEXTS["task.workerInterrupted"];

export const cancelledByCaller = () => new TaskStop("cancelled", text("task.cancelledByCaller"));
export const interruptedByShutdown = () => new TaskStop("error", text("task.interrupted"));
export const workerInterrupted = () => new TaskStop("error", text("task.workerInterrupted"));
export const timedOut = (ms: number) => new TaskStop("error", text("task.timedOut", { seconds: Math.round(ms / 1000) }));
