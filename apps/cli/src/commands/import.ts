import { stat } from "node:fs/promises";
import path from "node:path";
import { STOCK_KINDS } from "@tasklane/client";
import { WAIT_OPTIONS, oneOf, parseCommand, positionals } from "../args.ts";
import { usageError } from "../cli-error.ts";
import { connect } from "../service.ts";
import { CONNECTION_HELP, type Command, WAIT_HELP, printHelp } from "./command.ts";
import { submitThenReport, waitLimit } from "./submit-flow.ts";

const options = {
  ...WAIT_OPTIONS,
  supplier: { type: "string" },
  kind: { type: "string", default: "stock" },
  "idempotency-key": { type: "string" },
} as const;

export const importFile: Command = {
  name: "import",
  summary: "upload a supplier's or a competitor's stock file and import it",
  help: `Usage: tasklane import FILE --supplier NAME [--kind ${STOCK_KINDS.join("|")}] [--wait] [--timeout SECONDS]

Uploads FILE (xlsx, csv or 1C mxl) and submits a task that imports it as NAME's offers.
Prints the task id, or with --wait the result.

  --supplier NAME      whose offers the file holds (required)
  --kind KIND          ${STOCK_KINDS.join(" or ")} (default: stock)
${WAIT_HELP}

${CONNECTION_HELP}`,

  async run(args, env) {
    const { values, positionals: given } = parseCommand(this.name, args, options);
    if (values.help) return printHelp(this);
    const file = userPath(positionals(this.name, given, ["FILE"])[0]!, env);
    if (values.supplier === undefined) throw usageError("missing --supplier NAME", this.name);
    const kind = oneOf(this.name, "kind", values.kind, STOCK_KINDS);
    const limitMs = waitLimit(this.name, values);
    await mustBeFile(file);
    const service = connect(values, env, this.name);
    const key = values["idempotency-key"];
    const input = { file, supplier: values.supplier, kind, ...(key === undefined ? {} : { idempotencyKey: key }) };
    return submitThenReport(service, "stockImport", values, limitMs, ({ client }) => client.submit.stockImport(input));
  },
};

/**
 * `pnpm tasklane` runs in the workspace root whatever folder it was typed in; pnpm keeps that
 * folder in INIT_CWD. Only for that script: inside another package's script, INIT_CWD is not
 * the folder the script's own paths are relative to.
 */
function userPath(file: string, env: NodeJS.ProcessEnv): string {
  const base = env.npm_lifecycle_event === "tasklane" && env.INIT_CWD ? env.INIT_CWD : process.cwd();
  return path.resolve(base, file);
}

/** Checked before the upload, so a wrong path is a usage error naming it rather than an fs error. */
async function mustBeFile(file: string): Promise<void> {
  const found = await stat(file).catch(() => null);
  if (!found) throw usageError(`cannot read ${file}: no such file`, "import");
  if (!found.isFile()) throw usageError(`cannot read ${file}: not a file`, "import");
}
