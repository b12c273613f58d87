import type {
  CompletedTask,
  ComponentList,
  ComponentListInput,
  PricelistGetInput,
  PricelistList,
  PricelistListInput,
  PricelistPage,
  StockFileInspectInput,
  StockFilePreview,
  SubmitRequest,
  Supplier,
  SupplierList,
  SupplierListInput,
  SupplierMappingInput,
  Task,
  TaskList,
  TaskListInput,
  TaskType,
  Uploaded,
} from "@tasklane/contract";
import type { PollOptions } from "./poll/poll-options.ts";
import type { TaskId } from "./task-id.ts";
import type { UploadSource } from "./upload.ts";

export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * stockImport's input as the SDK takes it: the file itself (it is uploaded first; a path it cannot
 * read rejects with TasklaneFileError), or the uploadId of a file uploaded before.
 */
export type StockImportSubmit = Omit<SubmitRequest<"stockImport">, "uploadId"> &
  ({ file: UploadSource; filename?: string; uploadId?: never } | { uploadId: string; file?: never; filename?: never });

/** inspectFile's input: like stockImport's, the file itself (uploaded first) or an earlier upload's id. */
export type StockFileInspect = Omit<StockFileInspectInput, "uploadId"> &
  ({ file: UploadSource; filename?: string; uploadId?: never } | { uploadId: string; file?: never; filename?: never });

/** What each submit call takes: the type's input (and an optional idempotencyKey), a file for stockImport. */
export type SubmitInput<T extends TaskType> = T extends "stockImport" ? StockImportSubmit : SubmitRequest<T>;

/** `deduplicated`: the same work was already queued or running (or the key was used), so this is that task. */
export interface SubmitAnswer<T extends TaskType> {
  taskId: TaskId<T>;
  deduplicated: boolean;
}

export type SubmitCalls = {
  [T in TaskType]: (input: SubmitInput<T>, options?: RequestOptions) => Promise<SubmitAnswer<T>>;
};

/** What createTasklaneClient returns. Every type here comes from @tasklane/contract. */
export interface TasklaneClient {
  /** Submits a task and answers at once with its id; the task runs in the background. */
  submit: SubmitCalls;
  getTask<T extends TaskType = TaskType>(id: TaskId<T>, options?: RequestOptions): Promise<Task<T>>;
  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  listTasks(filter?: TaskListInput, options?: RequestOptions): Promise<TaskList>;
  /** Cancels a queued or running task; a finished one comes back unchanged. */
  cancelTask<T extends TaskType = TaskType>(id: TaskId<T>, options?: RequestOptions): Promise<Task<T>>;
  /**
   * Waits for the task to end: resolves with the completed task, its result typed by its type;
   * rejects with TaskFailedError, TaskCancelledError, TimeoutError or AbortError.
   */
  pollTask<T extends TaskType = TaskType>(id: TaskId<T>, options?: PollOptions<T>): Promise<CompletedTask<T>>;
  /** submit, then pollTask. */
  submitAndWait<T extends TaskType>(type: T, input: SubmitInput<T>, options?: PollOptions<T>): Promise<CompletedTask<T>>;
  /**
   * How a stock file would be read, without importing it: per sheet the header row and why, each
   * field's column with the alternatives, the first rows as stored and the skipped ones. With
   * `supplier`, its saved mapping is used unless `mapping` is given. Rejects with
   * TasklaneRequestError: NOT_FOUND (unknown upload), UNPROCESSABLE_CONTENT (a file that cannot be
   * read at all, such as an old .xls), TOO_MANY_REQUESTS (previews are busy: ask again shortly),
   * TIMEOUT (the preview took too long), BAD_REQUEST (a wrong mapping, with fieldErrors); with
   * TasklaneFileError (FILE_NOT_FOUND, FILE_UNREADABLE) for a `file` path it cannot read.
   */
  inspectFile(input: StockFileInspect, options?: RequestOptions): Promise<StockFilePreview>;
  /** Every supplier and competitor (or those of one kind), by name, with their saved mapping. */
  listSuppliers(filter?: SupplierListInput, options?: RequestOptions): Promise<SupplierList>;
  /** Saves the mapping the supplier's imports use when none is given; `mapping: null` forgets it. */
  setSupplierMapping(input: SupplierMappingInput, options?: RequestOptions): Promise<Supplier>;
  /**
   * Components with their current price, by part number, a page at a time (`limit` 1–500, default
   * 50); `search` matches part numbers and names. Pass `nextCursor` back as `cursor` for the next page.
   */
  listComponents(filter?: ComponentListInput, options?: RequestOptions): Promise<ComponentList>;
  /** Pricelists, newest first (or those of one `source`), a page at a time like listComponents. */
  listPricelists(filter?: PricelistListInput, options?: RequestOptions): Promise<PricelistList>;
  /**
   * One pricelist and a page of its rows (`limit` 1–500, default 50; `cursor` for the next). A
   * pricelist is a snapshot: its rows never change. Rejects with TasklaneRequestError NOT_FOUND
   * for an unknown id.
   */
  getPricelist(input: PricelistGetInput, options?: RequestOptions): Promise<PricelistPage>;
  /**
   * Sends a file to the server, streamed from disk for a path; stockImport does this for you.
   * A path that names no readable file rejects with TasklaneFileError (FILE_NOT_FOUND or
   * FILE_UNREADABLE, with the path), and nothing is sent.
   */
  uploadFile(file: UploadSource, options?: RequestOptions & { filename?: string }): Promise<Uploaded>;
}
