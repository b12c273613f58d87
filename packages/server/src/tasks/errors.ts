import {
  ENGLISH_TEXTS,
  isLocalText,
  type LocalText,
  localize,
  TASK_ERROR_MAX_CHARS,
  type TaskType,
  text,
  truncateText,
} from "@tasklane/contract";
import { UnavailableError } from "../unavailable.ts";

/** Submits are refused while the server stops; the API answers 503. */
export class ServiceStoppingError extends UnavailableError {
  override readonly reason = "stopping";
  readonly text = text("request.stopping");
  constructor() {
    super(ENGLISH_TEXTS["request.stopping"]);
  }
}

/**
 * A caller asks for more than one caller may hold, so that no caller can fill the service for
 * the others; the API answers 429 (TOO_MANY_REQUESTS). Waiting is the remedy, not changing the request.
 */
export class CallerLimitError extends Error {
  override readonly name: string = "CallerLimitError";
}

/** The caller already has as many queued tasks as one caller may. */
export class QueuedLimitError extends CallerLimitError {
  override readonly name = "QueuedLimitError";
  readonly text: LocalText;
  constructor(readonly limit: number) {
    const message = text("request.queuedLimit", { limit });
    super(localize(message, "en"));
    this.text = message;
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

/** An error's own LocalText (a TextError's, or one that crossed a thread as a plain `text` field), if it has one. */
export function ownText(error: unknown): LocalText | undefined {
  const own: unknown = typeof error === "object" && error !== null ? (error as { text?: unknown }).text : undefined;
  return isLocalText(own) ? own : undefined;
}

/**
 * The text a person reads for a failure: its own LocalText when it has one (TextError, also
 * after crossing a thread), else its message as it is, marked as a failure in other languages.
 */
export function errorText(error: unknown): LocalText {
  const own = ownText(error);
  if (own) return own;
  const detail = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  if (detail.trim()) return text("task.failedWith", { detail: truncateText(detail, TASK_ERROR_MAX_CHARS) });
  return text("task.unexplained");
}
