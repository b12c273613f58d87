import { z } from "zod";

export const TASK_STATUSES = ["queued", "running", "completed", "error", "cancelled"] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** A task in one of these statuses never changes again. */
export const FINAL_STATUSES = ["completed", "error", "cancelled"] as const satisfies readonly TaskStatus[];
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export function isFinalStatus(status: TaskStatus): status is FinalStatus {
  return (FINAL_STATUSES as readonly TaskStatus[]).includes(status);
}
