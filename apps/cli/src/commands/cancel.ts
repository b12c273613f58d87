import {
  type Task,
  TaskCancelledError,
  TaskFailedError,
  TimeoutError,
  type TasklaneClient,
  isFinalStatus,
  taskErrorIn,
  taskMessageIn,
} from "@tasklane/client";
import { parseCommand, positionals, taskId, timeoutMs } from "../args.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, printResult } from "../output/streams.ts";
import { connect, withService } from "../service.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { language, t } from "../i18n/i18n.ts";

/** A running task stops at its handler's next abort check: usually well within this. */
const SETTLE_MS = 10_000;

export const cancel: Command = {
  name: "cancel",
  summary: () => t("commands.cancel.summary"),
  help: () => t("commands.cancel.help", { ...helpParts(), settle: String(SETTLE_MS / 1000) }),

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, { timeout: { type: "string" } });
    if (values.help) return printHelp(this);
    const id = taskId(this.name, positionals(this.name, given, ["ID"])[0]!);
    const limitMs = timeoutMs(this.name, values.timeout) ?? SETTLE_MS;
    const service = connect(values, env, this.name);
    const { before, after } = await withService(service, async ({ client }) => {
      const before = await client.getTask(id);
      return { before, after: await settled(client, await client.cancelTask(id), limitMs) };
    });
    if (values.json) printJson(after);
    else printResult(statusLine(before, after));
    return EXIT.ok;
  },
};

/** The task once it has ended, or as last seen if it is still stopping after `limitMs`. */
async function settled(client: TasklaneClient, task: Task, limitMs: number): Promise<Task> {
  if (isFinalStatus(task.status)) return task;
  try {
    return await client.pollTask(task.id, { timeoutMs: limitMs });
  } catch (error) {
    if (error instanceof TaskCancelledError || error instanceof TaskFailedError) return error.task;
    if (error instanceof TimeoutError) return error.lastSeen ?? task;
    throw error;
  }
}

function statusLine(before: Task, after: Task): string {
  if (isFinalStatus(before.status)) return t("cancel.alreadyEnded", { id: after.id, status: after.status });
  if (!isFinalStatus(after.status)) return t("cancel.stopping", { id: after.id, state: taskMessageIn(after, language()) || after.status });
  const error = taskErrorIn(after, language());
  return error
    ? t("cancel.endedBecause", { id: after.id, status: after.status, error })
    : t("cancel.ended", { id: after.id, status: after.status });
}
