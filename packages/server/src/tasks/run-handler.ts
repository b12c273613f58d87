import type { LocalText, Task } from "@tasklane/contract";
import type { FinalFields } from "../stores/task-store.ts";
import { TASK_LINES, errorFields } from "./task-texts.ts";

/** How a run ended: what the task's final status, result and error become. */
export type Outcome = { status: "completed"; result: NonNullable<Task["result"]> } | { status: "error" | "cancelled"; error: LocalText };

/** 100 is kept for completion, so a bar never shows done before the result is there. */
export const clampProgress = (percent: number): number => Math.min(99, Math.max(0, Math.floor(percent)));

const FINAL_LINE = { completed: TASK_LINES.completed, error: TASK_LINES.failed, cancelled: TASK_LINES.cancelled } as const;

/** The fields a task's final write sets, the same in every store and on both backends. */
export function finalFields(outcome: Outcome, progress: number, doneAt: Date): FinalFields {
  return {
    status: outcome.status,
    progress: outcome.status === "completed" ? 100 : progress,
    ...FINAL_LINE[outcome.status],
    result: outcome.status === "completed" ? outcome.result : null,
    ...(outcome.status === "completed" ? { error: null, errorText: null } : errorFields(outcome.error)),
    doneAt,
  };
}
