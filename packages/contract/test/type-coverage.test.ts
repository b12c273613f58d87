import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CompletedTask,
  TASK_TYPES,
  type Task,
  TaskSchema,
  type TaskResult,
  type TaskType,
  isFinalStatus,
  taskTypes,
} from "../src/index.ts";

describe("the task type map", () => {
  it("lists every task type once, in the enum and in the Task union", () => {
    expect([...TASK_TYPES].sort()).toEqual(Object.keys(taskTypes).sort());
    expectTypeOf<(typeof TASK_TYPES)[number]>().toEqualTypeOf<TaskType>();
    expectTypeOf<Task["type"]>().toEqualTypeOf<TaskType>();
    const optionTypes = TaskSchema.options.map((o) => o.shape.type.value).sort();
    expect(optionTypes).toEqual([...TASK_TYPES].sort());
  });

  it("narrows a task's result by its type", () => {
    expectTypeOf<Task<"recalculate">["result"]>().toEqualTypeOf<TaskResult<"recalculate"> | null>();
    expectTypeOf<CompletedTask<"pricelistCreate">["result"]>().toEqualTypeOf<TaskResult<"pricelistCreate">>();
  });
});

describe("statuses", () => {
  it("calls completed, error and cancelled final, and only those", () => {
    expect(isFinalStatus("completed")).toBe(true);
    expect(isFinalStatus("error")).toBe(true);
    expect(isFinalStatus("cancelled")).toBe(true);
    expect(isFinalStatus("queued")).toBe(false);
    expect(isFinalStatus("running")).toBe(false);
  });
});

describe("the Task schema", () => {
  const base = {
    id: "6f1c2b1e-3c1a-4b8e-9d2f-0a1b2c3d4e5f",
    status: "completed",
    progress: 100,
    message: "Completed",
    messageText: { key: "task.completed" },
    error: null,
    errorText: null,
    createdAt: new Date(),
    startedAt: new Date(),
    doneAt: new Date(),
  };

  it("checks the result against the task's own type", () => {
    const good = { ...base, type: "recalculate", subject: {}, result: { componentsTotal: 3, updated: 1, unchanged: 1, withoutOffers: 1 } };
    expect(TaskSchema.parse(good)).toEqual(good);
    const wrong = { ...base, type: "pricelistCreate", subject: { source: "warehouse" }, result: good.result };
    expect(TaskSchema.safeParse(wrong).success).toBe(false);
  });

  it("checks the subject against the task's own type", () => {
    const task = { ...base, status: "queued", progress: 0, doneAt: null, result: null };
    expect(TaskSchema.safeParse({ ...task, type: "pricelistCreate", subject: { source: "warehouse" } }).success).toBe(true);
    expect(TaskSchema.safeParse({ ...task, type: "stockImport", subject: { source: "warehouse" } }).success).toBe(false);
    expect(TaskSchema.safeParse({ ...task, type: "stockImport", subject: { supplier: "A", kind: "stock", fileName: null } }).success).toBe(
      true,
    );
  });

  it("refuses progress outside 0..100 and non-integers", () => {
    for (const progress of [-1, 101, 1.5]) {
      expect(TaskSchema.safeParse({ ...base, type: "recalculate", subject: {}, result: null, progress }).success).toBe(false);
    }
  });
});
