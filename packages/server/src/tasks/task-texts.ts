import {
  isLocalText,
  type LocalText,
  localize,
  TASK_ERROR_MAX_CHARS,
  TASK_MESSAGE_MAX_CHARS,
  text,
  truncateText,
} from "@tasklane/contract";

/**
 * A task's line as both fields carry it: the English text (cut to the contract's bound, so a
 * file's text in a value cannot make every poll large) and its key for other languages. A
 * custom handler's plain string has no key: it reads the same in every language.
 */
export const messageFields = (message: LocalText | string) =>
  isLocalText(message)
    ? { message: truncateText(localize(message, "en"), TASK_MESSAGE_MAX_CHARS), messageText: message }
    : { message: truncateText(String(message), TASK_MESSAGE_MAX_CHARS), messageText: null };

/** A task's error as both fields carry it (see messageFields). */
export const errorFields = (error: LocalText) => ({
  error: truncateText(localize(error, "en"), TASK_ERROR_MAX_CHARS),
  errorText: error,
});

/** The service's own lines for a task, as messageFields writes them: every backend and store takes them from here. */
export const TASK_LINES = {
  queued: messageFields(text("task.queued")),
  starting: messageFields(text("task.starting")),
  cancelling: messageFields(text("task.cancelling")),
  completed: messageFields(text("task.completed")),
  failed: messageFields(text("task.failed")),
  cancelled: messageFields(text("task.cancelled")),
} as const;
