import type { z } from "zod";
import { PricelistCreateInputSchema, PricelistCreateResultSchema, PricelistCreateSubjectSchema } from "./pricelist-create.ts";
import { RecalculateInputSchema, RecalculateResultSchema, RecalculateSubjectSchema } from "./recalculate.ts";
import { StockImportInputSchema, StockImportResultSchema, StockImportSubjectSchema } from "./stock-import.ts";

export * from "./pricelist-create.ts";
export * from "./recalculate.ts";
export * from "./stock-import.ts";

/**
 * Every task type with its input, subject and result schema. The server validates against it, the
 * client takes its types from it: this is the one place a task type is described.
 */
export const taskTypes = {
  recalculate: {
    title: "Recalculate prices",
    input: RecalculateInputSchema,
    subject: RecalculateSubjectSchema,
    result: RecalculateResultSchema,
  },
  stockImport: {
    title: "Import a stock file",
    input: StockImportInputSchema,
    subject: StockImportSubjectSchema,
    result: StockImportResultSchema,
  },
  pricelistCreate: {
    title: "Create a pricelist",
    input: PricelistCreateInputSchema,
    subject: PricelistCreateSubjectSchema,
    result: PricelistCreateResultSchema,
  },
} as const;

export type TaskType = keyof typeof taskTypes;
export type TaskInput<T extends TaskType = TaskType> = z.infer<(typeof taskTypes)[T]["input"]>;
export type TaskResult<T extends TaskType = TaskType> = z.infer<(typeof taskTypes)[T]["result"]>;
/** What a task works on, as the history names it (a task type's `subject`). */
export type TaskSubject<T extends TaskType = TaskType> = z.infer<(typeof taskTypes)[T]["subject"]>;
