import { type Task, taskErrorIn } from "@tasklane/client";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { language, t } from "../i18n/i18n.ts";
import { printJson, printNote, printResult } from "../output/streams.ts";
import { summarize } from "../output/summary.ts";
import type { WaitOutcome } from "./outcome.ts";

/** How the task goes on after the wait stopped: what a person may do next. */
const goesOn = (id: string) => t("wait.goesOn", { id });
const seconds = (ms: number) => String(ms / 1000);
const note = (line: string) => printNote(`tasklane: ${line}`);

/**
 * Prints how the wait ended and answers the exit code. With --json, stdout gets the last
 * state seen (the final task when there is one), so a script always has one document to read.
 */
export function reportOutcome(outcome: WaitOutcome, json: boolean): ExitCode {
  const last: Task | undefined = "task" in outcome ? outcome.task : outcome.lastSeen;
  const error = last && taskErrorIn(last, language());
  if (json && last) printJson(last);
  switch (outcome.kind) {
    case "completed":
      if (!json) summarize(outcome.task).forEach((line) => printResult(line));
      return EXIT.ok;
    case "failed":
      note(t("wait.failed", { id: outcome.task.id, type: outcome.task.type, error: error ?? t("wait.noReason") }));
      return EXIT.error;
    case "cancelled":
      note(
        error
          ? t("wait.cancelledBecause", { id: outcome.task.id, type: outcome.task.type, error })
          : t("wait.cancelled", { id: outcome.task.id, type: outcome.task.type }),
      );
      return EXIT.cancelled;
    case "timedOut":
      note(t("wait.timedOut", { id: outcome.taskId, seconds: seconds(outcome.timeoutMs), goesOn: goesOn(outcome.taskId) }));
      return EXIT.timedOut;
    case "gaveUp":
      note(t("wait.gaveUp", { id: outcome.taskId, seconds: seconds(outcome.giveUpAfterMs), goesOn: goesOn(outcome.taskId) }));
      return EXIT.gaveUp;
    case "interrupted":
      note(t("wait.interrupted", { id: outcome.taskId, goesOn: goesOn(outcome.taskId) }));
      return EXIT.interrupted;
    default: {
      const unknown: never = outcome;
      throw new Error(`Unknown wait outcome ${JSON.stringify(unknown)}`);
    }
  }
}
