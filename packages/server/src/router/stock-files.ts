import {
  StockFileInspectInputSchema,
  StockFilePreviewSchema,
  SupplierListInputSchema,
  SupplierListSchema,
  SupplierMappingInputSchema,
  SupplierSchema,
} from "@tasklane/contract";
import { TRPCError } from "@trpc/server";
import { PreviewsBusyError, PreviewTimeoutError, UnknownUploadError } from "../pricing/stock-files.ts";
import { ThreadMemoryError } from "../threads/task-threads.ts";
import { authedProcedure, router } from "../trpc/init.ts";

/** A preview's failures that the caller's file or timing caused, with their codes; anything else goes on as it is. */
function previewError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const answer = (code: TRPCError["code"]) => new TRPCError({ code, message: error.message, cause: error });
  if (error instanceof UnknownUploadError) return answer("NOT_FOUND");
  if (error instanceof PreviewsBusyError) return answer("TOO_MANY_REQUESTS");
  if (error instanceof PreviewTimeoutError) return answer("TIMEOUT");
  if (error instanceof ThreadMemoryError) return answer("PAYLOAD_TOO_LARGE");
  // The file itself cannot be read (422: the request was fine). Rebuilt from the preview thread:
  // its class does not cross, its name does.
  if (error.name === "StockFileError") return answer("UNPROCESSABLE_CONTENT");
  return error;
}

export const uploadsRouter = router({
  /** What an import of an uploaded file would read, from its top rows: answers at once whatever the file's size. */
  inspect: authedProcedure
    .input(StockFileInspectInputSchema)
    .output(StockFilePreviewSchema)
    .query(({ ctx, input }) =>
      ctx.stockFiles.inspect(input, ctx.caller).catch((error: unknown) => {
        throw previewError(error);
      }),
    ),
});

/** Suppliers are the company's, like the pricing data: every authorised caller reads and changes them. */
export const suppliersRouter = router({
  list: authedProcedure
    .input(SupplierListInputSchema)
    .output(SupplierListSchema)
    .query(({ ctx, input }) => ctx.stockFiles.suppliers(input)),
  setMapping: authedProcedure
    .input(SupplierMappingInputSchema)
    .output(SupplierSchema)
    .mutation(({ ctx, input }) => ctx.stockFiles.setMapping(input)),
});
