import {
  SubmittedSchema,
  TaskListInputSchema,
  TaskListSchema,
  TaskRefSchema,
  TaskSchema,
  type Task,
  type TaskInput,
  type TaskType,
  submitSchemas,
} from "@tasklane/contract";
import { TRPCError } from "@trpc/server";
import type { Context } from "../trpc/context.ts";
import { fieldError } from "../trpc/field-error.ts";
import { authedProcedure, router } from "../trpc/init.ts";
import type { SubmitDetails } from "../tasks/tasks.ts";
import { answering } from "./task-errors.ts";

/** Checks a submit needs beyond its schema, made before the task is stored; they answer what they learnt. */
const admit: { [T in TaskType]?: (input: TaskInput<T>, ctx: Context & { caller: string }) => Promise<SubmitDetails> } = {
  async stockImport(input, ctx) {
    const upload = await ctx.uploads.get(input.uploadId);
    if (!upload || upload.owner !== ctx.caller) {
      throw fieldError("uploadId", `No upload with id ${input.uploadId}: send the file to POST /api/uploads first`, input);
    }
    return { fileName: upload.filename };
  },
};

function found(task: Task | undefined, id: string): Task {
  if (!task) throw new TRPCError({ code: "NOT_FOUND", message: `No task with id ${id}` });
  return task;
}

function submitProcedure<T extends TaskType>(type: T) {
  return authedProcedure
    .input(submitSchemas[type])
    .output(SubmittedSchema)
    .mutation(async ({ ctx, input }) => {
      const details = await admit[type]?.(input as TaskInput<T>, ctx);
      const { task, deduplicated } = await answering(input, () => ctx.tasks.submit(type, input, ctx.caller, details));
      return { taskId: task.id, deduplicated };
    });
}

export const tasksRouter = router({
  get: authedProcedure
    .input(TaskRefSchema)
    .output(TaskSchema)
    .query(async ({ ctx, input }) => found(await ctx.tasks.get(input.id, ctx.caller), input.id)),

  list: authedProcedure
    .input(TaskListInputSchema)
    .output(TaskListSchema)
    .query(({ ctx, input }) => answering(input, () => ctx.tasks.list({ ...input, owner: ctx.caller }))),

  cancel: authedProcedure
    .input(TaskRefSchema)
    .output(TaskSchema)
    .mutation(async ({ ctx, input }) => found(await ctx.tasks.cancel(input.id, ctx.caller), input.id)),

  submit: router({
    recalculate: submitProcedure("recalculate"),
    stockImport: submitProcedure("stockImport"),
    pricelistCreate: submitProcedure("pricelistCreate"),
  }),
});
