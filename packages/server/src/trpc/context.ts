import type { CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type { AccessControl } from "../access.ts";
import type { PricingReads } from "../pricing/pricing-reads.ts";
import type { StockFiles } from "../pricing/stock-files.ts";
import type { Tasks } from "../tasks/tasks.ts";
import type { UploadStore } from "../uploads/upload-store.ts";

export interface ContextDeps {
  access: AccessControl;
  tasks: Tasks;
  uploads: UploadStore;
  pricing: PricingReads;
  stockFiles: Pick<StockFiles, "inspect" | "suppliers" | "setMapping">;
}

export function contextFactory({ access, ...services }: ContextDeps) {
  return function createContext({ req }: CreateFastifyContextOptions) {
    return { caller: access.callerOf(req.headers.authorization), ...services };
  };
}

export type Context = Awaited<ReturnType<ReturnType<typeof contextFactory>>>;
