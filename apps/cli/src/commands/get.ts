import { parseCommand, positionals, taskId } from "../args.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, printResult } from "../output/streams.ts";
import { describeTask } from "../output/task-view.ts";
import { connect, withService } from "../service.ts";
import { CONNECTION_HELP, type Command, printHelp } from "./command.ts";

export const get: Command = {
  name: "get",
  summary: "show a task: status, progress, message, result or error",
  help: `Usage: tasklane get ID

Prints the task once (use "tasklane watch ID" to follow it until it ends). Exits 0 whatever
the task's status; an unknown ID exits 2.

${CONNECTION_HELP}`,

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
