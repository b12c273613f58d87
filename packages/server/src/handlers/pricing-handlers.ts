import { text, TextError } from "@tasklane/contract";
import type { PricingDb } from "@tasklane/pricing";
import type { TaskHandlers } from "../tasks/handler.ts";
import type { TaskThreads } from "../threads/task-threads.ts";
import type { UploadStore } from "../uploads/upload-store.ts";

export interface PricingHandlerDeps {
  /** This thread's connection to the pricing data (tests' own handlers use it). */
  db: PricingDb;
  uploads: UploadStore;
  /** Where the pricing work runs: never on the thread that answers polls. */
  threads: TaskThreads;
  /** A cap on data rows per imported file. Default: none. */
  maxRowsPerFile?: number | undefined;
}

/** Each task type's handler: the pricing domain's work in a task thread, with the task's signal and progress. */
export function pricingHandlers({ threads, uploads, maxRowsPerFile }: PricingHandlerDeps): TaskHandlers {
  return {
    recalculate: (_input, ctx) => threads.run({ type: "recalculate" }, ctx),
    stockImport: async (input, ctx) => {
      const upload = await uploads.get(input.uploadId);
      if (!upload) throw new TextError(text("task.uploadGone", { uploadId: input.uploadId }));
      ctx.log.info({ uploadId: upload.id, filename: upload.filename, size: upload.size }, "importing");
      const file = await uploads.openFile(upload.id);
      try {
        const job = {
          filePath: file.path,
          supplier: input.supplier,
          kind: input.kind,
          maxRows: maxRowsPerFile,
          mapping: input.mapping,
          saveMapping: input.saveMapping,
        };
        return await threads.run({ type: "stockImport", ...job }, ctx);
      } finally {
        await file.release();
      }
    },
    pricelistCreate: (input, ctx) => threads.run({ type: "pricelistCreate", source: input.source, taskId: ctx.taskId }, ctx),
  };
}
