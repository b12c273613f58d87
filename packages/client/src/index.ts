export { createTasklaneClient } from "./create-client.ts";
export type { TasklaneClientOptions } from "./client-options.ts";
export type { RequestOptions, StockImportSubmit, SubmitAnswer, SubmitCalls, SubmitInput, TasklaneClient } from "./tasklane-client.ts";
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
  type SubmitRequest,
  type TaskResult,
  type TaskStatus,
  type TaskType,
  type TaskList,
  type TaskListInput,
  type Uploaded,
  type StockKind,
  type PricelistSource,
  type Component,
  type Pricelist,
  type PricelistRow,
  FINAL_STATUSES,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  POLL_INTERVAL_MS,
  PRICELIST_SOURCES,
  STOCK_KINDS,
  TASK_STATUSES,
  TASK_TYPES,
  isFinalStatus,
} from "@tasklane/contract";
