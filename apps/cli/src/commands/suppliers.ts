import { STOCK_KINDS, type Supplier, type SupplierListInput } from "@tasklane/client";
import { oneOf, parseCommand, positionals } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { EXIT } from "../exit-codes.ts";
import { MAPPING_OPTIONS, mappingFrom } from "../mapping-options.ts";
import { formatCount, formatDate, table } from "../output/format.ts";
import { mappingSummary } from "../output/mapping-view.ts";
import { printJson, printNote, printResult } from "../output/streams.ts";
import { connect, withService } from "../service.ts";
import { type Command, printHelp } from "./command.ts";
import { helpParts } from "./help-parts.ts";
import { t } from "../i18n/i18n.ts";

const options = { ...MAPPING_OPTIONS, kind: { type: "string" }, forget: { type: "boolean" } } as const;

export const suppliers: Command = {
  name: "suppliers",
  summary: () => t("commands.suppliers.summary"),
  help: () =>
    t("commands.suppliers.help", { ...helpParts(), kinds: STOCK_KINDS.join("|"), kindsOr: STOCK_KINDS.join(` ${t("help.or")} `) }),

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    const kind = values.kind === undefined ? undefined : oneOf(this.name, "kind", values.kind, STOCK_KINDS);
    const mapping = mappingFrom(this.name, values);

    if (given[0] === "mapping") {
      const name = positionals(this.name, given.slice(1), ["NAME"])[0]!;
      if (kind === undefined) throw usageError(t("usage.missing", { what: `--kind ${STOCK_KINDS.join("|")}` }), this.name);
      if (values.forget && mapping)
        throw usageError(t("usage.contradict", { first: "--forget", second: t("usage.mappingOptions") }), this.name);
      if (!values.forget && !mapping) throw usageError(t("usage.mappingOrForget"), this.name);
      const service = connect(values, env, this.name);
      const saved = await withService(service, ({ client }) => client.setSupplierMapping({ name, kind, mapping: mapping ?? null }));
      if (values.json) printJson(saved);
      else
        printResult(
          t(saved.mapping ? "suppliers.saved" : "suppliers.forgotten", {
            name: saved.name,
            kind: saved.kind,
            mapping: mappingSummary(saved.mapping),
          }),
        );
      return EXIT.ok;
    }

    positionals(this.name, given, []);
    if (mapping || values.forget) throw usageError(t("usage.mappingOnlyWithName"), this.name);
    const filter: SupplierListInput = kind === undefined ? {} : { kind };
    const service = connect(values, env, this.name);
    const list = await withService(service, ({ client }) => client.listSuppliers(filter));
    if (values.json) printJson(list);
    else if (list.items.length === 0) printNote(t("suppliers.none"));
    else suppliersTable(list.items).forEach((line) => printResult(line));
    return EXIT.ok;
  },
};

function suppliersTable(items: readonly Supplier[]): string[] {
  const rows = items.map((s) => [
    s.name,
    s.kind,
    formatCount(s.offers),
    s.lastImportedAt ? formatDate(s.lastImportedAt) : t("suppliers.never"),
    s.mapping && s.mappingSavedAt
      ? t("suppliers.savedAt", { mapping: mappingSummary(s.mapping), date: formatDate(s.mappingSavedAt) })
      : mappingSummary(s.mapping),
  ]);
  const h = t("suppliers.header", { returnObjects: true });
  return table([[h.name, h.kind, h.offers, h.lastImport, h.mapping], ...rows]);
}
