import type { TaskType } from "@tasklane/contract";

/*
 * Every default of the service, in one place. The library (createServer, createEmbeddedServer,
 * the distributed factories), `pnpm start` and `pnpm worker` all read them here, and config.ts's
 * environment defaults are these same values, so the library used directly behaves as the
 * service does. This module imports nothing that runs: reading a default must not load BullMQ,
 * a database driver or a thread. README.md lists the environment's side of each.
 */

export const HOUR_MS = 3_600_000;

// Where and how the API listens.
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 3000;
export const DEFAULT_LOG_LEVEL = "info";
/** The SQLite files and the uploads folder of the embedded backend, from where the service is started. */
export const DEFAULT_DATA_DIR = "./data";
/** On stop, how long running tasks may go on before they are aborted. */
export const DEFAULT_GRACE_MS = 30_000;

// HTTP limits (http/connection-limits.ts, http/body-rate.ts).
/** Bounds a large upload's total time: 200 MB in 600 s is 350 KB/s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 600_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_CONNECTIONS = 10_000;

// Uploads.
/**
 * 200 MB: a CSV of 1,000,000 rows (the row cap) with real product names is 100-150 MB, so the
 * row cap, not the upload limit, is what an ordinary file reaches first (an .xlsx of those rows is
 * a fifth of that).
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** The most bytes of uploads one caller may keep (until retention removes them). */
export const DEFAULT_MAX_UPLOAD_BYTES_PER_CALLER = 2 * 1024 ** 3;
/** How long finished tasks, their BullMQ jobs and uploads are kept. */
export const DEFAULT_RETENTION_MS = 24 * HOUR_MS;

// Tasks.
/** Tasks run at once per process (embedded) or per worker (distributed). */
export const DEFAULT_CONCURRENCY = 2;
/** Queued tasks one caller may have; a submit past it is refused (429). */
export const DEFAULT_MAX_QUEUED_PER_CALLER = 1_000;
/** How often a running task's progress is written to the store. */
export const DEFAULT_PROGRESS_FLUSH_MS = 250;
/** The longest each type may run: a stuck task must end, but a big import may take minutes. */
export const DEFAULT_TIMEOUTS_MS: Readonly<Record<TaskType, number>> = {
  recalculate: 600_000,
  stockImport: 1_800_000,
  pricelistCreate: 600_000,
};
/** Rows one stock file may have; past it the import ends as `error`. */
export const DEFAULT_MAX_ROWS_PER_FILE = 1_000_000;

// Task threads.
/** The heap one task thread may use; an import that needs more ends as `error`, the service goes on. */
export const DEFAULT_TASK_HEAP_MB = 1024;
/** How long a stopped task may take to roll back by itself before its thread is terminated. */
export const DEFAULT_STOP_GRACE_MS = 2_000;
/** Previews one process makes at once; each holds a thread. */
export const DEFAULT_PREVIEWS_AT_ONCE = 2;
/** A preview reads a file's top rows in well under a second; one that takes this long is stopped. */
export const DEFAULT_PREVIEW_TIMEOUT_MS = 15_000;

// The distributed backend.
/** The BullMQ queue every API node and worker of one deployment shares. */
export const DEFAULT_QUEUE_NAME = "tasklane";
/** A job whose worker stopped renewing its lock this long ago is run again by another worker. */
export const DEFAULT_STALLED_MS = 30_000;

/** The limits a task runs under, given or else the service's: what each process hands its task runner and handlers. */
export interface TaskLimits {
  timeoutsMs: Record<TaskType, number>;
  maxRowsPerFile: number;
}

/** Fills the limits a caller of the library left out with the service's defaults (a type left out of `timeoutsMs` too). */
export function taskLimits(options: {
  timeoutsMs?: Partial<Record<TaskType, number>> | undefined;
  maxRowsPerFile?: number | undefined;
}): TaskLimits {
  return {
    timeoutsMs: { ...DEFAULT_TIMEOUTS_MS, ...definedOnly(options.timeoutsMs ?? {}) },
    maxRowsPerFile: options.maxRowsPerFile ?? DEFAULT_MAX_ROWS_PER_FILE,
  };
}

/** `{ stockImport: undefined }` means "not given", as an absent key does. */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
