import type { TaskInput, TaskType } from "@tasklane/contract";

/**
 * Which running work a new submit would repeat: one recalculation at a time, one pricelist per
 * source, one import per supplier and kind. A second submit of the same work, while the first
 * is queued or running, answers with the first task.
 */
export function dedupKey<T extends TaskType>(type: T, input: TaskInput<T>): string {
  const i: TaskInput = input;
  switch (type) {
    case "recalculate":
      return type;
    case "pricelistCreate":
      return `${type}:${(i as TaskInput<"pricelistCreate">).source}`;
    case "stockImport": {
      const { supplier, kind } = i as TaskInput<"stockImport">;
      return `${type}:${kind}:${supplier}`;
    }
    default: {
      const unknown: never = type;
      throw new Error(`No dedup rule for task type ${String(unknown)}`);
    }
  }
}
