import { AbortError, TaskCancelledError, TaskFailedError, TimeoutError, type Task } from "@tasklane/client";
import type { Service } from "../service.ts";
import { progressView } from "../output/progress.ts";
import type { WaitOutcome } from "./outcome.ts";

/**
 * Polls the task with the SDK's pollTask until it ends, --timeout passes or Ctrl-C. Ctrl-C only
 * stops the wait: the task runs on the service, which a person may want (see report.ts).
 */
export async function waitForTask(service: Service, taskId: string, timeoutMs: number | undefined): Promise<WaitOutcome> {
  const view = progressView();
  const stop = new AbortController();
  const onInterrupt = () => stop.abort(new Error("Ctrl-C"));
  process.once("SIGINT", onInterrupt);
  let lastSeen: Task | undefined;
  try {
    const task = await service.client.pollTask(taskId, {
      signal: stop.signal,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      onProgress: (seen) => {
        lastSeen = seen;
        view.show(seen);
      },
    });
    return { kind: "completed", task };
  } catch (error) {
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
