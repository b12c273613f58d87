export { createTasklaneClient } from "./create-client.ts";
export type { TasklaneClientOptions } from "./client-options.ts";
export type { RequestOptions, StockFileInspect, StockImportSubmit, SubmitAnswer, SubmitCalls, SubmitInput, TasklaneClient } from "./tasklane-client.ts";
export type { UploadSource } from "./upload.ts";
export { rowsFellByHalf } from "./rows-fell.ts";
export type { TaskId } from "./task-id.ts";
export type { PollOptions } from "./poll/poll-options.ts";
export { OUTAGE_BACKOFF, OUTAGE_RETRY_MAX_MS, type OutageOptions } from "./poll/outage-options.ts";
export type { Clock } from "./poll/clock.ts";
export {
  AbortError,
  TaskCancelledError,
  TaskFailedError,
  TasklaneFileError,
  TasklaneRequestError,
  TimeoutError,
  type FileErrorCode,
  type RequestErrorCode,
  type RequestErrorDetails,
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
  type StockField,
  type StockMapping,
  type ColumnRef,
  type MappingSource,
  type StockFilePreview,
  type PreviewSheet,
  type PreviewField,
  type PreviewRow,
  type ColumnChoice,
  type Supplier,
  type SupplierList,
  type SupplierListInput,
  type SupplierMappingInput,
  type StockFileInspectInput,
  type Component,
  type Pricelist,
  type PricelistRow,
  type ErrorCode,
  type UnavailableReason,
  FINAL_STATUSES,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  POLL_INTERVAL_MS,
  PRICELIST_SOURCES,
  STOCK_KINDS,
  STOCK_FIELDS,
  MAPPING_SOURCES,
  PREVIEW_ROWS,
  COLUMN_POSITION_MAX,
  MAPPING_HEADER_ROW_MAX,
  TASK_STATUSES,
  TASK_TYPES,
  isFinalStatus,
  ERROR_STATUS,
  UNAVAILABLE_REASONS,
} from "@tasklane/contract";
