import { TASK_STATUSES, TASK_TYPES, type TaskListInput } from "@tasklane/client";
import { oneOf, parseCommand, positionals, positiveInteger } from "../args.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, printNote, printResult } from "../output/streams.ts";
import { tasksTable } from "../output/task-view.ts";
import { connect, withService } from "../service.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { t } from "../i18n/i18n.ts";

const options = {
  type: { type: "string" },
  status: { type: "string" },
  supplier: { type: "string" },
  limit: { type: "string" },
  cursor: { type: "string" },
} as const;

export const list: Command = {
  name: "list",
  summary: () => t("commands.list.summary"),
  help: () => t("commands.list.help", { ...helpParts(), types: TASK_TYPES.join(", "), statuses: TASK_STATUSES.join(", ") }),

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    positionals(this.name, given, []);
    const filter: TaskListInput = {};
    if (values.type !== undefined) filter.type = oneOf(this.name, "type", values.type, TASK_TYPES);
    if (values.status !== undefined) filter.status = oneOf(this.name, "status", values.status, TASK_STATUSES);
    if (values.supplier !== undefined) filter.supplier = values.supplier;
    if (values.limit !== undefined) filter.limit = positiveInteger(this.name, "limit", values.limit);
    if (values.cursor !== undefined) filter.cursor = values.cursor;
    const service = connect(values, env, this.name);
    const page = await withService(service, ({ client }) => client.listTasks(filter));
    if (values.json) printJson(page);
    else if (page.items.length === 0) printNote(t("list.none"));
    else tasksTable(page.items).forEach((line) => printResult(line));
    if (!values.json && page.nextCursor) printNote(t("list.more", { cursor: page.nextCursor }));
    return EXIT.ok;
  },
};
