import { type Task, TaskCancelledError, TaskFailedError, TimeoutError, type TasklaneClient, isFinalStatus } from "@tasklane/client";
import { parseCommand, positionals, taskId, timeoutMs } from "../args.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, printResult } from "../output/streams.ts";
import { connect, withService } from "../service.ts";
import { CONNECTION_HELP, type Command, printHelp } from "./command.ts";

/** A running task stops at its handler's next abort check: usually well within this. */
const SETTLE_MS = 10_000;

export const cancel: Command = {
  name: "cancel",
  summary: "cancel a queued or running task",
  help: `Usage: tasklane cancel ID [--timeout SECONDS]

Cancels the task and prints its status. A running task stops at its next check, so the
command waits up to --timeout (default ${SETTLE_MS / 1000} s) for it to end. A task that had already
ended stays as it was. Exits 0 once the service took the request.

  --timeout SECONDS    how long to wait for a running task to stop

${CONNECTION_HELP}`,

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
  if (isFinalStatus(before.status)) return `Task ${after.id} had already ended (${after.status}): nothing to cancel`;
  if (!isFinalStatus(after.status)) return `Task ${after.id} is stopping (${after.message || after.status})`;
  return `Task ${after.id} ${after.status}${after.error ? `: ${after.error}` : ""}`;
}
