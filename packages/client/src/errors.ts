import type { ErrorCode, LocalText, Task, UnavailableReason } from "@tasklane/contract";

/** The task ended with status `error`; `task.error` says why. */
export class TaskFailedError extends Error {
  override readonly name = "TaskFailedError";
  constructor(readonly task: Task) {
    super(`Task ${task.id} (${task.type}) failed: ${task.error ?? "no reason given"}`);
  }
}

/** The task ended with status `cancelled`. */
export class TaskCancelledError extends Error {
  override readonly name = "TaskCancelledError";
  constructor(readonly task: Task) {
    super(`Task ${task.id} (${task.type}) was cancelled${task.error ? `: ${task.error}` : ""}`);
  }
}

/** pollTask's `timeoutMs` passed before the task ended. The task itself goes on. */
export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
  constructor(
    readonly taskId: string,
    readonly timeoutMs: number,
    /** The last state seen. */
    readonly lastSeen: Task | undefined,
  ) {
    super(`Task ${taskId} did not end within ${timeoutMs} ms`);
  }
}

/** The caller's AbortSignal fired. The task itself goes on; cancel it with cancelTask. */
export class AbortError extends Error {
  override readonly name = "AbortError";
  constructor(reason?: unknown) {
    super("The wait was aborted", { cause: reason });
  }
}

/**
 * What TasklaneRequestError's `code` can be: one of the codes the service answers (ErrorCode),
 * UNREACHABLE when no answer came, or HTTP_<status> for an answer that is not the service's own
 * (a proxy in front of it, or a code this SDK does not know).
 */
export type RequestErrorCode = ErrorCode | "UNREACHABLE" | `HTTP_${number}`;

/** What a TasklaneRequestError keeps besides its code and status (see its fields), and its cause. */
export interface RequestErrorDetails extends ErrorOptions {
  fieldErrors?: Record<string, string[] | undefined> | null;
  reason?: UnavailableReason | null;
  text?: LocalText | null;
}

/** The server answered a request with an error, or could not be reached (`code` UNREACHABLE). */
export class TasklaneRequestError extends Error {
  override readonly name = "TasklaneRequestError";
  /** For BAD_REQUEST: per input field, what is wrong with it. */
  readonly fieldErrors: Record<string, string[] | undefined> | null;
  /**
   * For SERVICE_UNAVAILABLE: `stopping` (a restart or deploy; try again shortly, another node
   * may answer) or `engineUnavailable` (PostgreSQL or Redis cannot be reached; nothing was changed).
   */
  readonly reason: UnavailableReason | null;
  /** The message by its key and values when the service wrote it, for another language (textIn). */
  readonly text: LocalText | null;
  constructor(
    message: string,
    readonly code: RequestErrorCode,
    readonly httpStatus: number | undefined,
    { fieldErrors = null, reason = null, text = null, ...options }: RequestErrorDetails = {},
  ) {
    super(message, options);
    this.fieldErrors = fieldErrors;
    this.reason = reason;
    this.text = text;
  }
}

/** Why a file given by its path could not be sent: FILE_NOT_FOUND (nothing there), FILE_UNREADABLE (a folder, no permission...). */
export type FileErrorCode = "FILE_NOT_FOUND" | "FILE_UNREADABLE";

/**
 * A path given to uploadFile, inspectFile or submit.stockImport names no file that can be read.
 * Nothing was sent. Apart from TasklaneRequestError because no request was made: the caller
 * has to fix the path, not wait for the service.
 */
export class TasklaneFileError extends Error {
  override readonly name = "TasklaneFileError";
  constructor(
    readonly code: FileErrorCode,
    /** The path as it was given. */
    readonly path: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot read ${path}: ${reason}`, options);
  }
}
