import { CliError, usageError } from "./cli-error.ts";
import { COMMANDS } from "./commands/index.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";
import { toolHelp } from "./help.ts";
import { t, useLanguageOf } from "./i18n/i18n.ts";
import { version } from "./version.ts";

/** Options that take a value, so that `tasklane --url URL list` finds `list` as the command. */
const VALUE_OPTIONS = new Set(["--url", "--token"]);

/** The command's name and every other argument: common options may come before the name. */
function splitCommand(args: readonly string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith("-")) return { name: arg, rest: [...args.slice(0, i), ...args.slice(i + 1)] };
  }
  return { name: undefined, rest: [...args] };
}

async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const { name, rest } = splitCommand(args);
  if (name === "help") return run([...rest, "--help"], env);
  if (name === undefined) {
    if (rest.includes("--version")) return print(version());
    if (rest.includes("--help") || rest.includes("-h")) return print(toolHelp());
    throw usageError(t("usage.missingCommand"));
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw usageError(t("usage.unknownCommand", { name, commands: COMMANDS.map((c) => c.name).join(", ") }));
  return command.run(rest, env);
}

function print(text: string): ExitCode {
  process.stdout.write(`${text}\n`);
  return EXIT.ok;
}

/**
 * Every failure ends as one line on stderr and an exit code, never a stack trace: a person
 * reads the line, a script reads the code. TASKLANE_DEBUG=1 shows the stack of the unexpected.
 */
function fail(error: unknown): ExitCode {
  if (error instanceof CliError) {
    process.stderr.write(`tasklane: ${error.message}\n`);
    return error.exitCode;
  }
  const text = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tasklane: ${t("failure.unexpected", { text: text.split("\n")[0] ?? "" })}\n`);
  if (process.env.TASKLANE_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : text}\n`);
  return EXIT.error;
}

// `tasklane list | head -1` closes stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
  throw error;
});

useLanguageOf(process.env);
// exitCode rather than exit(): stdout may still be flushing a large --json answer to a pipe.
process.exitCode = await run(process.argv.slice(2), process.env).catch(fail);
