import { z } from "zod";
import { TaskStatusSchema } from "./status.ts";
import { TaskIdSchema, TaskSchema, TaskTypeSchema } from "./task.ts";

/** The tRPC paths, for callers that speak the protocol without the SDK (and for the fast path). */
export const PROCEDURES = {
  get: "tasks.get",
  list: "tasks.list",
  cancel: "tasks.cancel",
  submit: {
    recalculate: "tasks.submit.recalculate",
    stockImport: "tasks.submit.stockImport",
    pricelistCreate: "tasks.submit.pricelistCreate",
  },
} as const;

export const TaskRefSchema = z.strictObject({ id: TaskIdSchema });
export type TaskRef = z.infer<typeof TaskRefSchema>;

export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;

export const TaskListInputSchema = z
  .strictObject({
    type: TaskTypeSchema.optional(),
    status: TaskStatusSchema.optional(),
    /** Imports of this supplier (or competitor) only, by the name they were submitted with. */
    supplier: z.string().trim().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
    /** Opaque: the `nextCursor` of the page before. */
    cursor: z.string().min(1).max(100).optional(),
  })
  // A caller without the SDK may leave the input out altogether.
  .prefault({});
export type TaskListInput = z.input<typeof TaskListInputSchema>;

export const TaskListSchema = z.object({
  /** Newest first. */
  items: z.array(TaskSchema),
  nextCursor: z.string().nullable(),
});
export type TaskList = z.infer<typeof TaskListSchema>;
