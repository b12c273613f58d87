import type { StockFileInspectInput, StockFilePreview, SupplierListInput, SupplierMappingInput } from "@tasklane/contract";
import { StockFileInspectInputSchema } from "@tasklane/contract";
import { type PricingDb, listSuppliers, setSupplierMapping } from "@tasklane/pricing";
import { DEFAULT_PREVIEW_TIMEOUT_MS, DEFAULT_PREVIEWS_AT_ONCE } from "../defaults.ts";
import type { ThreadDatabase } from "../threads/thread-protocol.ts";
import { TaskThreads } from "../threads/task-threads.ts";
import type { UploadStore } from "../uploads/upload-store.ts";

/** Previews that may wait for a free thread; past them a preview is answered 429. */
const PREVIEWS_WAITING_MAX = 20;

export class UnknownUploadError extends Error {}
/** Too many previews at once: wait and ask again. */
export class PreviewsBusyError extends Error {}
export class PreviewTimeoutError extends Error {}

export interface StockFilesOptions {
  db: PricingDb;
  uploads: UploadStore;
  /** Where preview threads find the suppliers' saved mappings. */
  database: ThreadDatabase;
  heapMb?: number | undefined;
  previewsAtOnce?: number | undefined;
  previewTimeoutMs?: number | undefined;
}

/**
 * Suppliers' files before and around their imports: previews (in threads of their own, never on
 * the thread that answers polls, and never in the task threads, so a preview does not wait behind
 * an import) and the suppliers' saved mappings.
 */
export function stockFiles(options: StockFilesOptions) {
  const { db, uploads } = options;
  const timeoutMs = options.previewTimeoutMs ?? DEFAULT_PREVIEW_TIMEOUT_MS;
  // A preview thread is stopped at once on its time limit: it writes nothing to roll back.
  const threads = new TaskThreads({ database: options.database, heapMb: options.heapMb, stopGraceMs: 0 });
  const slots = new Slots(options.previewsAtOnce ?? DEFAULT_PREVIEWS_AT_ONCE, PREVIEWS_WAITING_MAX);

  async function inspect(request: StockFileInspectInput, caller: string): Promise<StockFilePreview> {
    const input = StockFileInspectInputSchema.parse(request);
    const upload = await uploads.get(input.uploadId);
    if (!upload || upload.owner !== caller) {
      throw new UnknownUploadError(`No upload with id ${input.uploadId}: send the file to POST /api/uploads first`);
    }
    await slots.take();
    try {
      const file = await uploads.openFile(upload.id);
      try {
        const signal = AbortSignal.timeout(timeoutMs);
        const job = { type: "inspect", filePath: file.path, kind: input.kind, supplier: input.supplier, mapping: input.mapping } as const;
        const inspection = await threads.run(job, { signal, progress: () => undefined }).catch((error: unknown) => {
          if (signal.aborted) {
            throw new PreviewTimeoutError(`The preview took longer than ${timeoutMs / 1000} s and was stopped; the file may still import.`);
          }
          throw error;
        });
        return { uploadId: upload.id, filename: upload.filename, ...inspection };
      } finally {
        await file.release();
      }
    } finally {
      slots.give();
    }
  }

  return {
    inspect,
    suppliers: (input: SupplierListInput) => listSuppliers(db, input),
    setMapping: (input: SupplierMappingInput) => setSupplierMapping(db, input),
    /** Loads a preview thread ahead of the first preview (about a second), without delaying the start. */
    warm: () => threads.warm().catch(() => undefined),
    close: () => threads.close(),
  };
}

export type StockFiles = ReturnType<typeof stockFiles>;

/** A counting semaphore with a bounded queue: past it, callers are refused rather than kept waiting. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(
    size: number,
    private readonly waitingMax: number,
  ) {
    this.#free = size;
  }

  take(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.waitingMax) {
      return Promise.reject(new PreviewsBusyError("Too many previews are being made at once; try again in a few seconds."));
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}
