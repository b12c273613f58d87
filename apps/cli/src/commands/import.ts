import { STOCK_KINDS } from "@tasklane/client";
import { WAIT_OPTIONS, oneOf, parseCommand, positionals } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { userPath } from "../file-arg.ts";
import { MAPPING_OPTIONS, mappingFrom } from "../mapping-options.ts";
import { connect } from "../service.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { t } from "../i18n/i18n.ts";
import { submitThenReport, waitLimit } from "./submit-flow.ts";

const options = {
  ...WAIT_OPTIONS,
  ...MAPPING_OPTIONS,
  supplier: { type: "string" },
  kind: { type: "string", default: "stock" },
  "save-mapping": { type: "boolean" },
  "idempotency-key": { type: "string" },
} as const;

export const importFile: Command = {
  name: "import",
  summary: () => t("commands.import.summary"),
  help: () => t("commands.import.help", { ...helpParts(), kinds: STOCK_KINDS.join("|"), kindsOr: STOCK_KINDS.join(` ${t("help.or")} `) }),

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    const file = userPath(positionals(this.name, given, ["FILE"])[0]!, env);
    if (values.supplier === undefined) throw usageError(t("usage.missing", { what: "--supplier NAME" }), this.name);
    const kind = oneOf(this.name, "kind", values.kind, STOCK_KINDS);
    const mapping = mappingFrom(this.name, values);
    const limits = waitLimit(this.name, values);
    const service = connect(values, env, this.name);
    const key = values["idempotency-key"];
    const input = {
      file,
      supplier: values.supplier,
      kind,
      ...(mapping ? { mapping } : {}),
      ...(values["save-mapping"] ? { saveMapping: true } : {}),
      ...(key === undefined ? {} : { idempotencyKey: key }),
    };
    return submitThenReport(service, "stockImport", values, limits, ({ client }) => client.submit.stockImport(input));
  },
};
