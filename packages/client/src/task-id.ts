import type { TaskType } from "@tasklane/contract";

declare const taskTypeBrand: unique symbol;

/**
 * A task id that remembers its task type at compile time, so that `pollTask(id)` knows the
 * type of the result. A plain string is accepted too; its result is then the union of all types.
 */
export type TaskId<T extends TaskType = TaskType> = string & { readonly [taskTypeBrand]?: T };
