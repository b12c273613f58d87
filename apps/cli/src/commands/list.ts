import { TASK_STATUSES, TASK_TYPES, type TaskListInput } from "@tasklane/client";
import { oneOf, parseCommand, positionals, positiveInteger } from "../args.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, printNote, printResult } from "../output/streams.ts";
import { tasksTable } from "../output/task-view.ts";
import { connect, withService } from "../service.ts";
import { CONNECTION_HELP, type Command, printHelp } from "./command.ts";

const options = {
  type: { type: "string" },
  status: { type: "string" },
  limit: { type: "string" },
  cursor: { type: "string" },
} as const;

export const list: Command = {
  name: "list",
  summary: "list your tasks, newest first",
  help: `Usage: tasklane list [--type TYPE] [--status STATUS] [--limit N] [--cursor CURSOR]

Prints a table of tasks (id, type, status, progress, created), newest first.

  --type TYPE        ${TASK_TYPES.join(", ")}
  --status STATUS    ${TASK_STATUSES.join(", ")}
  --limit N          how many (default: the service's page size)
  --cursor CURSOR    the next page: the nextCursor of a --json answer

${CONNECTION_HELP}`,

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    positionals(this.name, given, []);
    const filter: TaskListInput = {};
    if (values.type !== undefined) filter.type = oneOf(this.name, "type", values.type, TASK_TYPES);
    if (values.status !== undefined) filter.status = oneOf(this.name, "status", values.status, TASK_STATUSES);
    if (values.limit !== undefined) filter.limit = positiveInteger(this.name, "limit", values.limit);
    if (values.cursor !== undefined) filter.cursor = values.cursor;
    const service = connect(values, env, this.name);
    const page = await withService(service, ({ client }) => client.listTasks(filter));
    if (values.json) printJson(page);
    else if (page.items.length === 0) printNote("No tasks.");
    else tasksTable(page.items).forEach((line) => printResult(line));
    if (!values.json && page.nextCursor) printNote(`More tasks: --cursor ${page.nextCursor}`);
    return EXIT.ok;
  },
};
