import { EXIT, type ExitCode } from "../exit-codes.ts";

/** One `tasklane <name>` command. */
export interface Command {
  name: string;
  /** One line in `tasklane --help`, in the run's language. */
  summary(): string;
  /** The full text of `tasklane <name> --help`, in the run's language. */
  help(): string;
  run(args: string[], env: NodeJS.ProcessEnv): Promise<ExitCode>;
}

/** `tasklane <command> --help`: the usage on stdout, exit 0. */
export function printHelp(command: Command): ExitCode {
  process.stdout.write(`${command.help()}\n`);
  return EXIT.ok;
}
