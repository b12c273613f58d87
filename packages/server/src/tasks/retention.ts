import { type Logger, silentLogger } from "../logger.ts";
import type { TaskStore } from "../stores/task-store.ts";
import type { UploadStore } from "../uploads/upload-store.ts";

export interface RetentionOptions {
  store: Pick<TaskStore, "deleteFinishedBefore" | "close">;
  uploads: UploadStore;
  /** How long finished tasks and uploads are kept. */
  retentionMs: number;
  /** Uploads an active task still needs; never removed, whatever their age. */
  uploadsInUse: () => Promise<Set<string>>;
  now?: () => Date;
  log?: Logger;
}

/**
 * Removes finished tasks and uploads older than the retention period, so that memory and disk
 * stay flat under steady load. A task is kept for the whole period after it ended, so a poller
 * always has time to read its final state.
 */
export class Retention {
  #timer: NodeJS.Timeout | undefined;
  readonly #now: () => Date;
  readonly #log: Logger;

  constructor(private readonly options: RetentionOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log ?? silentLogger;
  }

  /** Sweeps now, then every tenth of the period (at least once a minute, at most every 10 minutes). */
  start(): void {
    const every = Math.min(10 * 60_000, Math.max(60_000, this.options.retentionMs / 10));
    void this.sweep();
    this.#timer = setInterval(() => void this.sweep(), every).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async sweep(): Promise<{ tasks: number; uploads: number }> {
    const cutoff = new Date(this.#now().getTime() - this.options.retentionMs);
    try {
      const tasks = await this.options.store.deleteFinishedBefore(cutoff);
      const inUse = await this.options.uploadsInUse();
      let uploads = 0;
      for (const upload of await this.options.uploads.createdBefore(cutoff)) {
        if (inUse.has(upload.id)) continue;
        await this.options.uploads.delete(upload.id);
        uploads++;
      }
      uploads += await this.options.uploads.deleteUnsavedBefore(cutoff);
      if (tasks + uploads > 0) this.#log.info({ tasks, uploads }, "retention removed old tasks and uploads");
      return { tasks, uploads };
    } catch (error) {
      this.#log.error({ err: error }, "retention sweep failed; it runs again later");
      return { tasks: 0, uploads: 0 };
    }
  }
}
