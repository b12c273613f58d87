import { ENGLISH_TEXTS, type FinalStatus, type LocalText, localize, text } from "@tasklane/contract";
import type { Outcome } from "./run-handler.ts";

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
