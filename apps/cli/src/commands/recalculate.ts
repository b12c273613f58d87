import { WAIT_OPTIONS, parseCommand, positionals } from "../args.ts";
import { connect } from "../service.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { t } from "../i18n/i18n.ts";
import { submitThenReport, waitLimit } from "./submit-flow.ts";

const options = { ...WAIT_OPTIONS, "idempotency-key": { type: "string" } } as const;

export const recalculate: Command = {
  name: "recalculate",
  summary: () => t("commands.recalculate.summary"),
  help: () => t("commands.recalculate.help", { ...helpParts() }),

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
