import { WAIT_OPTIONS, parseCommand, positionals } from "../args.ts";
import { connect } from "../service.ts";
import { CONNECTION_HELP, type Command, WAIT_HELP, printHelp } from "./command.ts";
import { submitThenReport, waitLimit } from "./submit-flow.ts";

const options = { ...WAIT_OPTIONS, "idempotency-key": { type: "string" } } as const;

export const recalculate: Command = {
  name: "recalculate",
  summary: "recalculate every component's price from its suppliers' offers",
  help: `Usage: tasklane recalculate [--wait] [--timeout SECONDS]

Submits a task that recalculates every component's price from its suppliers' stock offers.
Prints the task id, or with --wait the result.

${WAIT_HELP}

${CONNECTION_HELP}`,

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    positionals(this.name, given, []);
    const limits = waitLimit(this.name, values);
    const service = connect(values, env, this.name);
    const key = values["idempotency-key"];
    return submitThenReport(service, "recalculate", values, limits, ({ client }) =>
      client.submit.recalculate(key === undefined ? {} : { idempotencyKey: key }),
    );
  },
};

