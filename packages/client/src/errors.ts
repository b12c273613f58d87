import type { Task } from "@tasklane/contract";

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
 * The server answered a request with an error, or could not be reached (`code` UNREACHABLE).
 * `code` is the tRPC error code: BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, SERVICE_UNAVAILABLE...
 */
export class TasklaneRequestError extends Error {
  override readonly name = "TasklaneRequestError";
  constructor(
    message: string,
    readonly code: string,
    readonly httpStatus: number | undefined,
    /** For BAD_REQUEST: per input field, what is wrong with it. */
    readonly fieldErrors: Record<string, string[] | undefined> | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
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
