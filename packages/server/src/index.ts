export type { AppRouter, RouterInputs, RouterOutputs } from "./router/index.ts";
export { createServer, type TasklaneServer } from "./server.ts";
export type { ServerOptions } from "./server-options.ts";
export { TaskManager, type TaskManagerOptions } from "./tasks/manager.ts";
export type { HandlerContext, TaskHandler, TaskHandlers } from "./tasks/handler.ts";
export type { SharedTaskStore, StoredTask, TaskListQuery, TaskPage, TaskStore } from "./stores/task-store.ts";
export { MemoryTaskStore } from "./stores/memory.ts";
export { INTERRUPTED_TEXT, WORKER_INTERRUPTED_TEXT } from "./tasks/task-ends.ts";
export { OPEN_CALLER } from "./access.ts";
export { ConfigError, loadConfig, type Config } from "./config.ts";
export { createEmbeddedServer, type EmbeddedOptions, type EmbeddedServer, DATABASE_FILE, TASKS_FILE } from "./embedded.ts";
export { SqlTaskStore } from "./stores/sql-task-store.ts";
export { SERVER_MIGRATIONS } from "./stores/schema.ts";
export type { LocalFile, Upload, UploadStore } from "./uploads/upload-store.ts";
export { PostgresUploadStore, SqliteUploadStore } from "./uploads/sql-upload-store.ts";
export type { Tasks, SubmitOutcome } from "./tasks/tasks.ts";
export { pricingHandlers } from "./handlers/pricing-handlers.ts";
export {
  createDistributedServer,
  createDistributedWorker,
  type DistributedServer,
  type DistributedServerOptions,
  type DistributedWorker,
  type DistributedWorkerOptions,
} from "./distributed.ts";
export { UnavailableError } from "./unavailable.ts";
/** What the library, `pnpm start` and `pnpm worker` use when an option is not given. */
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_QUEUED_PER_CALLER,
  DEFAULT_RETENTION_MS,
  DEFAULT_TIMEOUTS_MS,
  DEFAULT_MAX_ROWS_PER_FILE,
} from "./defaults.ts";
