import { z } from "zod";
import { TaskIdSchema } from "./task.ts";
import { type TaskType, taskTypes } from "./task-types/index.ts";

/**
 * A caller-chosen key: a second submit with the same key (by the same caller) answers with the
 * first task instead of starting another, so a retried request or a double click is harmless.
 */
export const IdempotencyKeySchema = z.string().trim().min(1).max(200);

const withKey = <S extends z.ZodObject>(input: S) => input.extend({ idempotencyKey: IdempotencyKeySchema.optional() });

/** What each tasks.submit.<type> procedure takes: the type's input plus an optional idempotencyKey. */
export const submitSchemas = {
  recalculate: withKey(taskTypes.recalculate.input),
  stockImport: withKey(taskTypes.stockImport.input),
  pricelistCreate: withKey(taskTypes.pricelistCreate.input),
} as const satisfies Record<TaskType, z.ZodObject>;

export type SubmitRequest<T extends TaskType = TaskType> = z.infer<(typeof submitSchemas)[T]>;

export const SubmittedSchema = z.object({
  taskId: TaskIdSchema,
  /** True when the answer is a task that was already queued or running (or had the same key). */
  deduplicated: z.boolean(),
});
export type Submitted = z.infer<typeof SubmittedSchema>;
