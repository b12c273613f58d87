import type { LocalText, StockKind, StockMapping, TaskResult, TaskType } from "@tasklane/contract";
import type { StockFileInspection, StockImportInput } from "@tasklane/pricing";

/** Where a task thread finds the pricing data: the SQLite file, or the PostgreSQL server. */
export type ThreadDatabase = { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string };

/** One task's work, as plain data (a thread shares no objects with the thread that sent it). */
export type ThreadJob =
  | { type: "recalculate" }
  | ({ type: "stockImport" } & StockImportInput)
  | { type: "pricelistCreate"; taskId: string; source: "estimate" | "warehouse" | "competitor" }
  /** A preview of an uploaded file: the given mapping, else the supplier's saved one, else detection. */
  | { type: "inspect"; filePath: string; kind: StockKind; supplier?: string | undefined; mapping?: StockMapping | undefined };

/** What a job of each type gives back. */
export type ThreadResult<J extends ThreadJob> = J["type"] extends TaskType ? TaskResult<J["type"] & TaskType> : StockFileInspection;

export type ThreadJobResult = TaskResult<TaskType> | StockFileInspection;

export type ToThread = { kind: "run"; job: ThreadJob } | { kind: "abort" };

/** An error as it crosses the thread boundary: classes do not survive structured cloning. */
export interface ThreadError {
  name: string;
  message: string;
  /** A TextError's text, so that the task's error keeps its key. */
  text?: LocalText | undefined;
}

export type FromThread =
  /** Sent once, when the pricing code is loaded and the connection open. */
  | { kind: "ready" }
  | { kind: "progress"; percent: number; message: LocalText }
  | { kind: "done"; result: ThreadJobResult }
  | { kind: "failed"; error: ThreadError };
