import type { CompletedTask, Task } from "@tasklane/client";

/**
 * How a wait ended. Kept apart from the loop (wait-for-task.ts) and from how each ending is
 * printed (report.ts), so that every ending is handled in one exhaustive switch.
 */
export type WaitOutcome =
  | { kind: "completed"; task: CompletedTask }
  | { kind: "failed"; task: Task }
  | { kind: "cancelled"; task: Task }
  | { kind: "timedOut"; taskId: string; timeoutMs: number; lastSeen: Task | undefined }
  | { kind: "interrupted"; taskId: string; lastSeen: Task | undefined }
  | { kind: "gaveUp"; taskId: string; giveUpAfterMs: number; lastSeen: Task | undefined };
