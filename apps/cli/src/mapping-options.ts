import { COLUMN_POSITION_MAX, STOCK_FIELDS, type StockField, type StockMapping } from "@tasklane/client";
import { oneOf, positiveInteger } from "./args.ts";
import { usageError } from "./cli-error.ts";
import { t } from "./i18n/i18n.ts";

type Kebab<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `-${Lowercase<H>}`}${Kebab<T>}` : S;

/** partNumber → part-number: each field of the contract is a flag of the same name. */
const flagOf = <F extends StockField>(field: F) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) as Kebab<F>;

const FIELD_FLAGS = Object.fromEntries(STOCK_FIELDS.map((field) => [flagOf(field), { type: "string" }])) as {
  [F in StockField as Kebab<F>]: { type: "string" };
};

/** What `inspect`, `import` and `suppliers mapping` take to say how a file is read. */
export const MAPPING_OPTIONS = {
  sheet: { type: "string", multiple: true },
  "header-row": { type: "string" },
  ...FIELD_FLAGS,
  "skip-field": { type: "string", multiple: true },
} as const;

/** The mapping options' part of a command's help. */
export function mappingHelp(): string {
  const option = (usage: string, text: string) => `  ${usage.padEnd(20)} ${text}`;
  return [
    t("help.mappingIntro"),
    option("--sheet NAME", t("help.mappingSheet")),
    option("--header-row N", t("help.mappingHeaderRow")),
    ...STOCK_FIELDS.map((field) => option(`--${flagOf(field)} COL`, t("help.mappingField", { field }))),
    option("--skip-field FIELD", t("help.mappingSkipField")),
  ].join("\n");
}

type MappingFlags = { [K in keyof typeof MAPPING_OPTIONS]?: (typeof MAPPING_OPTIONS)[K] extends { multiple: true } ? string[] : string };

/** A column given on the command line: all digits is a position, anything else a header text. */
function columnRef(text: string): string | number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The mapping the flags give, or undefined when none is given (the service decides). */
export function mappingFrom(command: string, flags: MappingFlags): StockMapping | undefined {
  const mapping: StockMapping = {};
  if (flags.sheet?.length) mapping.sheets = flags.sheet;
  if (flags["header-row"] !== undefined) mapping.headerRow = positiveInteger(command, "header-row", flags["header-row"]);
  const columns: NonNullable<StockMapping["columns"]> = {};
  for (const field of STOCK_FIELDS) {
    const value = flags[flagOf(field)];
    if (value === undefined) continue;
    const ref = columnRef(value);
    if (ref === "") throw usageError(t("usage.needsColumn", { flag: flagOf(field) }), command);
    if (ref === 0 || (typeof ref === "number" && ref > COLUMN_POSITION_MAX)) {
      throw usageError(t("usage.columnRange", { flag: flagOf(field), value, max: String(COLUMN_POSITION_MAX) }), command);
    }
    columns[field] = ref;
  }
  for (const given of flags["skip-field"] ?? []) {
    const field = oneOf(command, "skip-field", given, STOCK_FIELDS);
    if (columns[field] !== undefined)
      throw usageError(t("usage.contradict", { first: `--skip-field ${field}`, second: `--${flagOf(field)}` }), command);
    columns[field] = null;
  }
  if (Object.keys(columns).length > 0) mapping.columns = columns;
  return Object.keys(mapping).length > 0 ? mapping : undefined;
}
