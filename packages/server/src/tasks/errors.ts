import { isLocalText, type LocalText, TASK_ERROR_MAX_CHARS, type TaskType, text, truncateText } from "@tasklane/contract";
import { UnavailableError } from "../unavailable.ts";

/** Submits are refused while the server stops; the API answers 503. */
export class ServiceStoppingError extends UnavailableError {
  override readonly reason = "stopping";
  constructor() {
    super("The service is stopping and takes no new tasks; try again in a moment");
  }
}

/**
 * A caller asks for more than one caller may hold, so that no caller can fill the service for
 * the others; the API answers 429 (TOO_MANY_REQUESTS). Waiting is the remedy, not changing the request.
 */
export class CallerLimitError extends Error {
  override readonly name: string = "CallerLimitError";
}

const count = (n: number) => n.toLocaleString("en-US");

/** The caller already has as many queued tasks as one caller may. */
export class QueuedLimitError extends CallerLimitError {
  override readonly name = "QueuedLimitError";
  constructor(readonly limit: number) {
    super(`You have ${count(limit)} tasks waiting; wait for some to finish before submitting more`);
  }
}

/**
 * The caller's idempotency key was given before with another task type: answering with that
 * task would hand the caller a result of the wrong type. The API answers 409 (CONFLICT).
 */
export class IdempotencyKeyConflictError extends Error {
  override readonly name = "IdempotencyKeyConflictError";
  constructor(
    readonly key: string,
    readonly usedFor: TaskType,
  ) {
    super(`The idempotency key ${JSON.stringify(key)} was already used for a ${usedFor} task`);
  }
}

/**
 * The text a person reads for a failure: its own LocalText when it has one (TextError, also
 * after crossing a thread), else its message as it is, marked as a failure in other languages.
 */
export function errorText(error: unknown): LocalText {
  const own: unknown = typeof error === "object" && error !== null ? (error as { text?: unknown }).text : undefined;
  if (isLocalText(own)) return own;
  const detail = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  if (detail.trim()) return text("task.failedWith", { detail: truncateText(detail, TASK_ERROR_MAX_CHARS) });
  return text("task.unexplained");
}
