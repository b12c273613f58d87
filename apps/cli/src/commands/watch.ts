import { GIVE_UP_AFTER_DEFAULT_S, giveUpAfterMs, parseCommand, positionals, taskId, timeoutMs } from "../args.ts";
import { connect, withService } from "../service.ts";
import { reportOutcome } from "../wait/report.ts";
import { waitForTask } from "../wait/wait-for-task.ts";
import { CONNECTION_HELP, type Command, printHelp } from "./command.ts";

export const watch: Command = {
  name: "watch",
  summary: "follow a task's progress until it ends, and exit by how it ended",
  help: `Usage: tasklane watch ID [--timeout SECONDS]

Shows the task's progress on stderr until it ends, then its result on stdout.
Exits 0 completed, 1 error, 3 cancelled, 4 timed out, 5 service unreachable too long,
130 on Ctrl-C (the task goes on).

  --timeout SECONDS    stop waiting after this long (exit 4); the task goes on
  --give-up-after SECONDS
                       while the service is unreachable (a restart), keep retrying this long
                       before giving up (exit 5; default ${GIVE_UP_AFTER_DEFAULT_S} s)

${CONNECTION_HELP}`,

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, { timeout: { type: "string" }, "give-up-after": { type: "string" } });
    if (values.help) return printHelp(this);
    const id = taskId(this.name, positionals(this.name, given, ["ID"])[0]!);
    const limits = { timeoutMs: timeoutMs(this.name, values.timeout), giveUpAfterMs: giveUpAfterMs(this.name, values["give-up-after"]) };
    const service = connect(values, env, this.name);
    return withService(service, async () => reportOutcome(await waitForTask(service, id, limits), Boolean(values.json)));
  },
};
