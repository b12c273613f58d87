import { type PricingDb, createPricelist, importStock, recalculatePrices } from "@tasklane/pricing";
import type { TaskHandlers } from "../tasks/handler.ts";
import type { UploadStore } from "../uploads/upload-store.ts";

export interface PricingHandlerDeps {
  db: PricingDb;
  uploads: UploadStore;
  /** A cap on data rows per imported file. Default: none. */
  maxRowsPerFile?: number | undefined;
}

/** Each task type's handler: the pricing domain's work, with the task's signal and progress. */
export function pricingHandlers({ db, uploads, maxRowsPerFile }: PricingHandlerDeps): TaskHandlers {
  return {
    recalculate: (_input, ctx) => recalculatePrices(db, ctx),
    stockImport: async (input, ctx) => {
      const upload = await uploads.get(input.uploadId);
      if (!upload) throw new Error(`The uploaded file ${input.uploadId} is no longer on the server; upload it again`);
      ctx.log.info({ uploadId: upload.id, filename: upload.filename, size: upload.size }, "importing");
      const file = await uploads.openFile(upload.id);
      try {
        // Staged under the task's id: a run again after a worker died starts from a clean slate.
        return await importStock(
          db,
          { filePath: file.path, importId: ctx.taskId, supplier: input.supplier, kind: input.kind, maxRows: maxRowsPerFile },
          ctx,
        );
      } finally {
        await file.release();
      }
    },
    pricelistCreate: (input, ctx) => createPricelist(db, { source: input.source, taskId: ctx.taskId }, ctx),
  };
}
