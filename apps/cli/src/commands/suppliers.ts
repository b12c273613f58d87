import { STOCK_KINDS, type Supplier, type SupplierListInput } from "@tasklane/client";
import { oneOf, parseCommand, positionals } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { EXIT } from "../exit-codes.ts";
import { MAPPING_HELP, MAPPING_OPTIONS, mappingFrom } from "../mapping-options.ts";
import { formatCount, formatDate, table } from "../output/format.ts";
import { mappingSummary } from "../output/mapping-view.ts";
import { printJson, printNote, printResult } from "../output/streams.ts";
import { connect, withService } from "../service.ts";
import { CONNECTION_HELP, type Command, printHelp } from "./command.ts";

const options = { ...MAPPING_OPTIONS, kind: { type: "string" }, forget: { type: "boolean" } } as const;

export const suppliers: Command = {
  name: "suppliers",
  summary: "list suppliers and competitors with their saved mappings, or change a mapping",
  help: `Usage: tasklane suppliers [--kind ${STOCK_KINDS.join("|")}]
       tasklane suppliers mapping NAME --kind ${STOCK_KINDS.join("|")} (mapping options | --forget)

The first form lists every supplier (kind stock) and competitor (kind competitor) by name:
its offers now, its last import, and the mapping its files are read with.

The second saves a mapping for NAME's next imports (those given no mapping of their own), or
with --forget forgets it, so its files are detected again. Prints the supplier as saved.

  --kind KIND          ${STOCK_KINDS.join(" or ")}: list only these; required with "mapping"
  --forget             forget NAME's mapping

${MAPPING_HELP}

${CONNECTION_HELP}`,

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    const kind = values.kind === undefined ? undefined : oneOf(this.name, "kind", values.kind, STOCK_KINDS);
    const mapping = mappingFrom(this.name, values);

    if (given[0] === "mapping") {
      const name = positionals(this.name, given.slice(1), ["NAME"])[0]!;
      if (kind === undefined) throw usageError(`missing --kind ${STOCK_KINDS.join("|")}`, this.name);
      if (values.forget && mapping) throw usageError("--forget and mapping options contradict each other", this.name);
      if (!values.forget && !mapping) throw usageError("give mapping options, or --forget", this.name);
      const service = connect(values, env, this.name);
      const saved = await withService(service, ({ client }) => client.setSupplierMapping({ name, kind, mapping: mapping ?? null }));
      if (values.json) printJson(saved);
      else printResult(`${saved.name} (${saved.kind}): ${saved.mapping ? "mapping saved" : "mapping forgotten"}: ${mappingSummary(saved.mapping)}`);
      return EXIT.ok;
    }

    positionals(this.name, given, []);
    if (mapping || values.forget) throw usageError('mapping options and --forget go with "tasklane suppliers mapping NAME"', this.name);
    const filter: SupplierListInput = kind === undefined ? {} : { kind };
    const service = connect(values, env, this.name);
    const list = await withService(service, ({ client }) => client.listSuppliers(filter));
    if (values.json) printJson(list);
    else if (list.items.length === 0) printNote("No suppliers yet: import a stock file first.");
    else suppliersTable(list.items).forEach((line) => printResult(line));
    return EXIT.ok;
  },
};

function suppliersTable(items: readonly Supplier[]): string[] {
  const rows = items.map((s) => [
    s.name,
    s.kind,
    formatCount(s.offers),
    s.lastImportedAt ? formatDate(s.lastImportedAt) : "never",
    s.mapping ? `${mappingSummary(s.mapping)}${s.mappingSavedAt ? ` (saved ${formatDate(s.mappingSavedAt)})` : ""}` : "detected each time",
  ]);
  return table([["NAME", "KIND", "OFFERS", "LAST IMPORT", "MAPPING"], ...rows]);
}
