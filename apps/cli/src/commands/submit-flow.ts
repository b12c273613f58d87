import type { SubmitAnswer, TaskType } from "@tasklane/client";
import { giveUpAfterMs, timeoutMs } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { t } from "../i18n/i18n.ts";
import { printJson, printNote, printResult } from "../output/streams.ts";
import { type Service, withService } from "../service.ts";
import { reportOutcome } from "../wait/report.ts";
import { waitForTask } from "../wait/wait-for-task.ts";
import type { WaitLimits } from "../wait/wait-limits.ts";

export interface SubmitFlags {
  json?: boolean | undefined;
  wait?: boolean | undefined;
  timeout?: string | undefined;
  "give-up-after"?: string | undefined;
}

/** Checked before anything is submitted, so a usage mistake never leaves a task behind. */
export function waitLimit(command: string, flags: SubmitFlags): WaitLimits {
  for (const flag of ["timeout", "give-up-after"] as const) {
    if (flags[flag] !== undefined && !flags.wait) throw usageError(t("usage.onlyWithWait", { flag }), command);
  }
  return { timeoutMs: timeoutMs(command, flags.timeout), giveUpAfterMs: giveUpAfterMs(command, flags["give-up-after"]) };
}

/**
 * Submits, then either prints the id alone on stdout (so `id=$(tasklane recalculate)` works)
 * or waits for the task and exits by how it ended.
 */
export async function submitThenReport<T extends TaskType>(
  service: Service,
  type: T,
  flags: SubmitFlags,
  limits: WaitLimits,
  submit: (service: Service) => Promise<SubmitAnswer<T>>,
): Promise<ExitCode> {
  return withService(service, async () => {
    const answer = await submit(service);
    if (answer.deduplicated) {
      printNote(t("wait.deduplicated", { type }));
    }
    if (!flags.wait) {
      if (flags.json) printJson(answer);
      else printResult(answer.taskId);
      return EXIT.ok;
    }
    if (!answer.deduplicated) printNote(t("wait.submitted", { type, id: answer.taskId }));
    return reportOutcome(await waitForTask(service, answer.taskId, limits), Boolean(flags.json));
  });
}
