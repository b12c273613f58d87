import type { StockKind, TaskResult, TaskType } from "@tasklane/contract";

/** Where a task thread finds the pricing data: the SQLite file, or the PostgreSQL server. */
export type ThreadDatabase = { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string };

/** One task's work, as plain data (a thread shares no objects with the thread that sent it). */
export type ThreadJob =
  | { type: "recalculate" }
  | { type: "stockImport"; filePath: string; importId: string; supplier: string; kind: StockKind; maxRows?: number | undefined }
  | { type: "pricelistCreate"; taskId: string; source: "estimate" | "warehouse" | "competitor" };

export type ThreadJobResult = TaskResult<TaskType>;

export type ToThread = { kind: "run"; job: ThreadJob } | { kind: "abort" };

/** An error as it crosses the thread boundary: classes do not survive structured cloning. */
export interface ThreadError {
  name: string;
  message: string;
}

export type FromThread =
  /** Sent once, when the pricing code is loaded and the connection open. */
  | { kind: "ready" }
  | { kind: "progress"; percent: number; message: string }
  | { kind: "done"; result: ThreadJobResult }
  | { kind: "failed"; error: ThreadError };
