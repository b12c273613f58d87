import { giveUpAfterMs, parseCommand, positionals, taskId, timeoutMs } from "../args.ts";
import { connect, withService } from "../service.ts";
import { reportOutcome } from "../wait/report.ts";
import { waitForTask } from "../wait/wait-for-task.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { t } from "../i18n/i18n.ts";

export const watch: Command = {
  name: "watch",
  summary: () => t("commands.watch.summary"),
  help: () => t("commands.watch.help", { ...helpParts() }),

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, {
      timeout: { type: "string" },
      "give-up-after": { type: "string" },
    });
    if (values.help) return printHelp(this);
    const id = taskId(this.name, positionals(this.name, given, ["ID"])[0]!);
    const limits = { timeoutMs: timeoutMs(this.name, values.timeout), giveUpAfterMs: giveUpAfterMs(this.name, values["give-up-after"]) };
    const service = connect(values, env, this.name);
    return withService(service, async () => reportOutcome(await waitForTask(service, id, limits), Boolean(values.json)));
  },
};
