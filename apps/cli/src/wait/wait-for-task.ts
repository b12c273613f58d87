import { AbortError, TaskCancelledError, TaskFailedError, TasklaneRequestError, TimeoutError, type Task } from "@tasklane/client";
import { progressView } from "../output/progress.ts";
import { t } from "../i18n/i18n.ts";
import { printNote } from "../output/streams.ts";
import type { Service } from "../service.ts";
import type { WaitOutcome } from "./outcome.ts";
import type { WaitLimits } from "./wait-limits.ts";

/**
 * Polls the task with the SDK's pollTask until it ends, --timeout passes or Ctrl-C. Ctrl-C only
 * stops the wait: the task runs on the service, which a person may want (see report.ts). A
 * service that goes away once the task was read (a restart) is waited for, up to --give-up-after.
 */
export async function waitForTask(service: Service, taskId: string, limits: WaitLimits): Promise<WaitOutcome> {
  const view = progressView();
  const stop = new AbortController();
  const onInterrupt = () => stop.abort(new Error("Ctrl-C"));
  process.once("SIGINT", onInterrupt);
  let lastSeen: Task | undefined;
  let away = false;
  const say = (line: string) => {
    view.end();
    printNote(line);
  };
  try {
    const task = await service.client.pollTask(taskId, {
      signal: stop.signal,
      ...(limits.timeoutMs === undefined ? {} : { timeoutMs: limits.timeoutMs }),
      outage: {
        giveUpAfterMs: limits.giveUpAfterMs,
        onUnreachable: (error) => {
          away = true;
          // A 503 says whether the service stops or runs without an engine; anything else is no answer at all.
          say(
            t(error.reason ? `wait.${error.reason}` : "wait.unreachable", {
              url: service.url,
              seconds: String(limits.giveUpAfterMs / 1000),
            }),
          );
        },
        onBack: () => {
          away = false;
          say(t("wait.back"));
        },
      },
      onProgress: (seen) => {
        lastSeen = seen;
        view.show(seen);
      },
    });
    return { kind: "completed", task };
  } catch (error) {
    // The last failed read of an outage that lasted --give-up-after; --timeout and Ctrl-C end it as they would.
    if (away && error instanceof TasklaneRequestError) return { kind: "gaveUp", taskId, giveUpAfterMs: limits.giveUpAfterMs, lastSeen };
    return endingOf(error, taskId, lastSeen);
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    view.end();
  }
}

/** pollTask's rejections as outcomes; request errors go on up to withService. */
function endingOf(error: unknown, taskId: string, lastSeen: Task | undefined): WaitOutcome {
  if (error instanceof TaskFailedError) return { kind: "failed", task: error.task };
  if (error instanceof TaskCancelledError) return { kind: "cancelled", task: error.task };
  if (error instanceof TimeoutError) return { kind: "timedOut", taskId, timeoutMs: error.timeoutMs, lastSeen: error.lastSeen ?? lastSeen };
  if (error instanceof AbortError) return { kind: "interrupted", taskId, lastSeen };
  throw error;
}
