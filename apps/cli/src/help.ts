import { CONNECTION_HELP } from "./commands/command.ts";
import { COMMANDS } from "./commands/index.ts";
import { EXIT } from "./exit-codes.ts";

/** `tasklane --help`. */
export function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
  return `Usage: tasklane <command> [options]

The command line of the tasklane service: submit tasks, follow them, read their results.

Commands:
${commands}

${CONNECTION_HELP}

Exit codes: ${EXIT.ok} completed (or done), ${EXIT.error} task error, ${EXIT.usage} wrong usage or no service,
${EXIT.cancelled} cancelled, ${EXIT.timedOut} timed out, ${EXIT.gaveUp} service unreachable for --give-up-after while waiting,
${EXIT.interrupted} Ctrl-C while waiting (the task goes on).
Run "tasklane <command> --help" for a command's options; see docs/cli.md.`;
}
