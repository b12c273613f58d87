export { createTasklaneClient } from "./create-client.ts";
export type { TasklaneClientOptions } from "./client-options.ts";
export type { RequestOptions, StockImportSubmit, SubmitCalls, SubmitInput, TasklaneClient } from "./tasklane-client.ts";
export type { UploadSource } from "./upload.ts";
export type { TaskId } from "./task-id.ts";
export type { PollOptions } from "./poll/poll-options.ts";
export type { Clock } from "./poll/clock.ts";
export {
  AbortError,
  TaskCancelledError,
  TaskFailedError,
  TasklaneRequestError,
  TimeoutError,
} from "./errors.ts";
export {
  type CompletedTask,
  type Task,
  type TaskInput,
  type TaskResult,
  type TaskStatus,
  type TaskType,
  type TaskList,
  type TaskListInput,
  type Uploaded,
  FINAL_STATUSES,
  POLL_INTERVAL_MS,
  TASK_TYPES,
  isFinalStatus,
} from "@tasklane/contract";
