import type { Task } from "@tasklane/client";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { printJson, printNote, printResult } from "../output/streams.ts";
import { summarize } from "../output/summary.ts";
import type { WaitOutcome } from "./outcome.ts";

/** How the task goes on after the wait stopped: what a person may do next. */
const goesOn = (id: string) => `it goes on: follow it with "tasklane watch ${id}", stop it with "tasklane cancel ${id}"`;

/**
 * Prints how the wait ended and answers the exit code. With --json, stdout gets the last
 * state seen (the final task when there is one), so a script always has one document to read.
 */
export function reportOutcome(outcome: WaitOutcome, json: boolean): ExitCode {
  const last: Task | undefined = "task" in outcome ? outcome.task : outcome.lastSeen;
  if (json && last) printJson(last);
  switch (outcome.kind) {
    case "completed":
      if (!json) summarize(outcome.task).forEach((line) => printResult(line));
      return EXIT.ok;
    case "failed":
      printNote(`tasklane: task ${outcome.task.id} (${outcome.task.type}) failed: ${outcome.task.error ?? "no reason given"}`);
      return EXIT.error;
    case "cancelled":
      printNote(`tasklane: task ${outcome.task.id} (${outcome.task.type}) was cancelled${outcome.task.error ? `: ${outcome.task.error}` : ""}`);
      return EXIT.cancelled;
    case "timedOut":
      printNote(`tasklane: task ${outcome.taskId} did not end within ${outcome.timeoutMs / 1000} s; ${goesOn(outcome.taskId)}`);
      return EXIT.timedOut;
    case "gaveUp":
      printNote(`tasklane: the service did not answer for ${outcome.giveUpAfterMs / 1000} s: gave up waiting for task ${outcome.taskId}; ${goesOn(outcome.taskId)}`);
      return EXIT.gaveUp;
    case "interrupted":
      printNote(`tasklane: stopped waiting for task ${outcome.taskId}; ${goesOn(outcome.taskId)}`);
      return EXIT.interrupted;
    default: {
      const unknown: never = outcome;
      throw new Error(`Unknown wait outcome ${JSON.stringify(unknown)}`);
    }
  }
}
