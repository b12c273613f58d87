import { STOCK_KINDS } from "@tasklane/client";
import { oneOf, parseCommand, positionals } from "../args.ts";
import { EXIT } from "../exit-codes.ts";
import { userPath } from "../file-arg.ts";
import { MAPPING_OPTIONS, mappingFrom } from "../mapping-options.ts";
import { printJson, printResult } from "../output/streams.ts";
import { describePreview } from "../output/preview-view.ts";
import { connect, withService } from "../service.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { t } from "../i18n/i18n.ts";

const options = {
  ...MAPPING_OPTIONS,
  supplier: { type: "string" },
  kind: { type: "string", default: "stock" },
} as const;

export const inspect: Command = {
  name: "inspect",
  summary: () => t("commands.inspect.summary"),
  help: () => t("commands.inspect.help", { ...helpParts(), kinds: STOCK_KINDS.join("|"), kindsOr: STOCK_KINDS.join(` ${t("help.or")} `) }),

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
