import type { SubmitAnswer, TaskType } from "@tasklane/client";
import { timeoutMs } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";
import { printJson, printNote, printResult } from "../output/streams.ts";
import { type Service, withService } from "../service.ts";
import { reportOutcome } from "../wait/report.ts";
import { waitForTask } from "../wait/wait-for-task.ts";

export interface SubmitFlags {
  json?: boolean | undefined;
  wait?: boolean | undefined;
  timeout?: string | undefined;
}

/** Checked before anything is submitted, so a usage mistake never leaves a task behind. */
export function waitLimit(command: string, flags: SubmitFlags): number | undefined {
  if (flags.timeout !== undefined && !flags.wait) throw usageError("--timeout only applies with --wait", command);
  return timeoutMs(command, flags.timeout);
}

/**
 * Submits, then either prints the id alone on stdout (so `id=$(tasklane recalculate)` works)
 * or waits for the task and exits by how it ended.
 */
export async function submitThenReport<T extends TaskType>(
  service: Service,
  type: T,
  flags: SubmitFlags,
  limitMs: number | undefined,
  submit: (service: Service) => Promise<SubmitAnswer<T>>,
): Promise<ExitCode> {
  return withService(service, async () => {
    const answer = await submit(service);
    if (answer.deduplicated) {
      printNote(`The same ${type} task was already queued or running (or had this idempotency key): this is that task.`);
    }
    if (!flags.wait) {
      if (flags.json) printJson(answer);
      else printResult(answer.taskId);
      return EXIT.ok;
    }
    if (!answer.deduplicated) printNote(`Submitted ${type} task ${answer.taskId}`);
    return reportOutcome(await waitForTask(service, answer.taskId, limitMs), Boolean(flags.json));
  });
}
