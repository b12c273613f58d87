import type { FinalStatus } from "@tasklane/contract";

/**
 * The reason given to a task's AbortController. It says how the task ends once its handler
 * stops, so that a cancel, a timeout and a shutdown each end with their own text.
 */
export class TaskStop extends Error {
  constructor(
    readonly status: Exclude<FinalStatus, "completed">,
    message: string,
  ) {
    super(message);
    // Handlers and libraries recognise an abort by this name (DOMException's convention).
    this.name = "AbortError";
  }
}

export const INTERRUPTED_TEXT = "interrupted: the server stopped before the task finished";

export const cancelledByCaller = () => new TaskStop("cancelled", "Cancelled by the caller");
export const interruptedByShutdown = () => new TaskStop("error", INTERRUPTED_TEXT);
export const timedOut = (ms: number) =>
  new TaskStop("error", `Timed out: the task ran longer than its limit of ${Math.round(ms / 1000)} s`);
