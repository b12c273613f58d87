import { STOCK_KINDS } from "@tasklane/client";
import { oneOf, parseCommand, positionals } from "../args.ts";
import { EXIT } from "../exit-codes.ts";
import { userPath } from "../file-arg.ts";
import { MAPPING_HELP, MAPPING_OPTIONS, mappingFrom } from "../mapping-options.ts";
import { printJson, printResult } from "../output/streams.ts";
import { describePreview } from "../output/preview-view.ts";
import { connect, withService } from "../service.ts";
import { CONNECTION_HELP, type Command, printHelp } from "./command.ts";

const options = {
  ...MAPPING_OPTIONS,
  supplier: { type: "string" },
  kind: { type: "string", default: "stock" },
} as const;

export const inspect: Command = {
  name: "inspect",
  summary: "show how a stock file would be read, without importing it",
  help: `Usage: tasklane inspect FILE [--supplier NAME] [--kind ${STOCK_KINDS.join("|")}] [mapping options]

Uploads FILE and prints how an import would read it: per sheet the header row and why, the
column each field is read from and why, with the other candidate columns, the first rows as
they would be stored and the rows that would be skipped, with reasons. Nothing is imported.
Try mapping options here, then give the same ones to "tasklane import" (with --save-mapping
to remember them for the supplier).

Exits 0 when an import would succeed, 1 when it would fail (the last line says why), 2 when
the file cannot be read at all.

  --supplier NAME      read it with NAME's saved mapping, if it has one and no mapping option is given
  --kind KIND          ${STOCK_KINDS.join(" or ")} (default: stock): which of NAME's mappings

${MAPPING_HELP}

${CONNECTION_HELP}`,

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    const file = userPath(positionals(this.name, given, ["FILE"])[0]!, env);
    const kind = oneOf(this.name, "kind", values.kind, STOCK_KINDS);
    const mapping = mappingFrom(this.name, values);
    const service = connect(values, env, this.name);
    const input = { file, kind, ...(values.supplier === undefined ? {} : { supplier: values.supplier }), ...(mapping ? { mapping } : {}) };
    const preview = await withService(service, ({ client }) => client.inspectFile(input));
    if (values.json) printJson(preview);
    else describePreview(preview, values.supplier).forEach((line) => printResult(line));
    return preview.error ? EXIT.error : EXIT.ok;
  },
};
