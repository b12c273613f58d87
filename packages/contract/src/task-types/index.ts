import type { z } from "zod";
import { PricelistCreateInputSchema, PricelistCreateResultSchema } from "./pricelist-create.ts";
import { RecalculateInputSchema, RecalculateResultSchema } from "./recalculate.ts";
import { StockImportInputSchema, StockImportResultSchema } from "./stock-import.ts";

export * from "./pricelist-create.ts";
export * from "./recalculate.ts";
export * from "./stock-import.ts";

/**
 * Every task type with its input and result schema. The server validates against it, the
 * client takes its types from it: this is the one place a task type is described.
 */
export const taskTypes = {
  recalculate: {
    title: "Recalculate prices",
    input: RecalculateInputSchema,
    result: RecalculateResultSchema,
  },
  stockImport: {
    title: "Import a stock file",
    input: StockImportInputSchema,
    result: StockImportResultSchema,
  },
  pricelistCreate: {
    title: "Create a pricelist",
    input: PricelistCreateInputSchema,
    result: PricelistCreateResultSchema,
  },
} as const;

export type TaskType = keyof typeof taskTypes;
export type TaskInput<T extends TaskType = TaskType> = z.infer<(typeof taskTypes)[T]["input"]>;
export type TaskResult<T extends TaskType = TaskType> = z.infer<(typeof taskTypes)[T]["result"]>;
