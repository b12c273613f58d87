import type { FastifyServerOptions } from "fastify";
import type { Logger } from "./logger.ts";
import type { TaskManagerOptions } from "./tasks/manager.ts";
import type { Tasks } from "./tasks/tasks.ts";
import type { PricingReads } from "./pricing/pricing-reads.ts";
import type { StockFiles } from "./pricing/stock-files.ts";
import type { TaskStore } from "./stores/task-store.ts";
import type { UploadStore } from "./uploads/upload-store.ts";

export interface ServerOptions {
  /** Where to listen. Default 127.0.0.1: reachable from this machine only. */
  host?: string;
  /** Default 3000; 0 picks a free port (tests). */
  port?: number;
  /** Token → caller name. None or empty: the service is open and every caller is "local". */
  tokens?: ReadonlyMap<string, string>;
  /** Origins a browser may call from. None: no cross-origin calls. */
  corsOrigins?: readonly string[];
  /** On stop, how long running tasks may go on before they are aborted. Default 30 s. */
  graceMs?: number;
  /** Builds the task backend (embedded manager or distributed queue) with the server's logger. */
  tasks: (log: Logger) => Tasks;
  /** Where finished tasks are kept; the retention sweep prunes it. */
  store: Pick<TaskStore, "deleteFinishedBefore" | "close">;
  uploads: UploadStore;
  /** The largest upload; a larger one is answered 413. Default 200 MB. */
  maxUploadBytes?: number;
  /** Upload bytes one caller may keep (until retention removes them); past it an upload is answered 429. Default 2 GiB. */
  maxUploadBytesPerCaller?: number;
  pricing: PricingReads;
  /** Previews of uploaded files and the suppliers' saved mappings. */
  stockFiles: StockFiles;
  /** How long finished tasks and uploads are kept. Default 24 h. */
  retentionMs?: number;
  /** A folder of static files (the web page's build) served at `/`. */
  webRoot?: string;
  /** Fastify's logger option: true, false, or pino options. Default true. */
  logger?: FastifyServerOptions["logger"];
  /**
   * Answer GET /trpc/tasks.get (the poll, the hottest request) in front of tRPC's adapter, byte for
   * byte as tRPC would (http/fast-task-get.ts). Default true; false leaves every request to tRPC.
   */
  fastTaskGet?: boolean;
  /**
   * The longest a request may take to arrive, headers and body; a slower one is answered 408.
   * Generous, since it bounds a large upload's total time (200 MB in 600 s is 350 KB/s). Default 600 s.
   */
  requestTimeoutMs?: number;
  /** The longest a request's headers may take to arrive; then 408. At most requestTimeoutMs. Default 30 s. */
  headersTimeoutMs?: number;
  /**
   * A connection that moves no byte either way for this long while a request is open (or before
   * the first) is closed; past this long, a body must have come at 1 KB/s on average, or 408
   * (http/body-rate.ts). Default 30 s.
   */
  idleTimeoutMs?: number;
  /** Connections open at once; more are closed as they arrive, so slow clients cannot use up file descriptors. Default 10,000. */
  maxConnections?: number;
  /** Injectable for tests. */
  now?: TaskManagerOptions["now"];
}
