import { PRICELIST_SOURCES } from "@tasklane/client";
import { WAIT_OPTIONS, oneOf, parseCommand, positionals } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { connect } from "../service.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { t } from "../i18n/i18n.ts";
import { submitThenReport, waitLimit } from "./submit-flow.ts";

const options = { ...WAIT_OPTIONS, source: { type: "string" }, "idempotency-key": { type: "string" } } as const;

export const pricelist: Command = {
  name: "pricelist",
  summary: () => t("commands.pricelist.summary"),
  help: () =>
    t("commands.pricelist.help", { ...helpParts(), sources: PRICELIST_SOURCES.join("|"), sourcesList: PRICELIST_SOURCES.join(", ") }),

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    positionals(this.name, given, []);
    if (values.source === undefined) throw usageError(t("usage.missing", { what: `--source ${PRICELIST_SOURCES.join("|")}` }), this.name);
    const source = oneOf(this.name, "source", values.source, PRICELIST_SOURCES);
    const limits = waitLimit(this.name, values);
    const service = connect(values, env, this.name);
    const key = values["idempotency-key"];
    const input = { source, ...(key === undefined ? {} : { idempotencyKey: key }) };
    return submitThenReport(service, "pricelistCreate", values, limits, ({ client }) => client.submit.pricelistCreate(input));
  },
};
