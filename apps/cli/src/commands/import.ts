import { STOCK_KINDS } from "@tasklane/client";
import { WAIT_OPTIONS, oneOf, parseCommand, positionals } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { userPath } from "../file-arg.ts";
import { MAPPING_HELP, MAPPING_OPTIONS, mappingFrom } from "../mapping-options.ts";
import { connect } from "../service.ts";
import { CONNECTION_HELP, type Command, WAIT_HELP, printHelp } from "./command.ts";
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
  summary: "upload a supplier's or a competitor's stock file and import it",
  help: `Usage: tasklane import FILE --supplier NAME [--kind ${STOCK_KINDS.join("|")}] [mapping options] [--save-mapping] [--wait] [--timeout SECONDS]

Uploads FILE (xlsx, csv or 1C mxl) and submits a task that imports it as NAME's offers.
Prints the task id, or with --wait the result. Without mapping options the file is read with
NAME's saved mapping if it has one, else as detected ("tasklane inspect" shows how).

  --supplier NAME      whose offers the file holds (required)
  --kind KIND          ${STOCK_KINDS.join(" or ")} (default: stock)
  --save-mapping       once imported, remember how the file was read for NAME's next files
${WAIT_HELP}

${MAPPING_HELP}

${CONNECTION_HELP}`,

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    const file = userPath(positionals(this.name, given, ["FILE"])[0]!, env);
    if (values.supplier === undefined) throw usageError("missing --supplier NAME", this.name);
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
