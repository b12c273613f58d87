import { PRICELIST_SOURCES } from "@tasklane/client";
import { WAIT_OPTIONS, oneOf, parseCommand, positionals } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { connect } from "../service.ts";
import { CONNECTION_HELP, type Command, WAIT_HELP, printHelp } from "./command.ts";
import { submitThenReport, waitLimit } from "./submit-flow.ts";

const options = { ...WAIT_OPTIONS, source: { type: "string" }, "idempotency-key": { type: "string" } } as const;

export const pricelist: Command = {
  name: "pricelist",
  summary: "create a pricelist from estimate, warehouse or competitor prices",
  help: `Usage: tasklane pricelist --source ${PRICELIST_SOURCES.join("|")} [--wait] [--timeout SECONDS]

Submits a task that creates a pricelist from SOURCE. Prints the task id, or with --wait the
result: the new pricelist's id and row count.

  --source SOURCE      ${PRICELIST_SOURCES.join(", ")} (required)
${WAIT_HELP}

${CONNECTION_HELP}`,

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    positionals(this.name, given, []);
    if (values.source === undefined) throw usageError(`missing --source ${PRICELIST_SOURCES.join("|")}`, this.name);
    const source = oneOf(this.name, "source", values.source, PRICELIST_SOURCES);
    const limits = waitLimit(this.name, values);
    const service = connect(values, env, this.name);
    const key = values["idempotency-key"];
    const input = { source, ...(key === undefined ? {} : { idempotencyKey: key }) };
    return submitThenReport(service, "pricelistCreate", values, limits, ({ client }) => client.submit.pricelistCreate(input));
  },
};
