import { parseCommand, positionals, taskId } from "../args.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, printResult } from "../output/streams.ts";
import { describeTask } from "../output/task-view.ts";
import { connect, withService } from "../service.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { t } from "../i18n/i18n.ts";

export const get: Command = {
  name: "get",
  summary: () => t("commands.get.summary"),
  help: () => t("commands.get.help", { ...helpParts() }),

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, {});
    if (values.help) return printHelp(this);
    const id = taskId(this.name, positionals(this.name, given, ["ID"])[0]!);
    const service = connect(values, env, this.name);
    const task = await withService(service, ({ client }) => client.getTask(id));
    if (values.json) printJson(task);
    else describeTask(task).forEach((line) => printResult(line));
    return EXIT.ok;
  },
};
