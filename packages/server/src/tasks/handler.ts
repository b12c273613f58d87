import type { LocalText, TaskInput, TaskResult, TaskType } from "@tasklane/contract";
import type { Logger } from "../logger.ts";

/** What a handler gets besides its input. */
export interface HandlerContext {
  /** The task's id, for handlers that record which task made something (a pricelist). */
  taskId: string;
  /** Fires when the task is cancelled, times out or the server stops: stop and roll back. */
  signal: AbortSignal;
  /**
   * Reports progress 0..100 with a line for a person. Cheap: call it as often as you like;
   * the value is clamped (and held below 100 until the task completes). Give the line as a
   * LocalText (the contract's texts) so that every client shows it in its person's language;
   * a plain string reads the same in all of them.
   */
  progress(percent: number, message?: LocalText | string): void;
  log: Logger;
}

/**
 * Does the work of one task type. Inputs are plain data, so a task can run in another process.
 * What it returns is checked against the contract's result schema before the task completes.
 */
export type TaskHandler<T extends TaskType> = (input: TaskInput<T>, context: HandlerContext) => Promise<TaskResult<T>> | TaskResult<T>;

export type TaskHandlers = { [T in TaskType]: TaskHandler<T> };
