import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../trpc/init.ts";
import { componentsRouter, pricelistsRouter } from "./pricing.ts";
import { suppliersRouter, uploadsRouter } from "./stock-files.ts";
import { tasksRouter } from "./tasks.ts";

export const appRouter = router({
  tasks: tasksRouter,
  components: componentsRouter,
  pricelists: pricelistsRouter,
  uploads: uploadsRouter,
  suppliers: suppliersRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
