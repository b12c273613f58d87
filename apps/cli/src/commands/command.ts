import { GIVE_UP_AFTER_DEFAULT_S } from "../args.ts";
import { EXIT, type ExitCode } from "../exit-codes.ts";

/** One `tasklane <name>` command. */
export interface Command {
  name: string;
  /** One line in `tasklane --help`. */
  summary: string;
  /** The full text of `tasklane <name> --help`. */
  help: string;
  run(args: string[], env: NodeJS.ProcessEnv): Promise<ExitCode>;
}

/** The lines every command's help ends with. */
export const CONNECTION_HELP = `Options for every command:
  --url URL        the service (default: $TASKLANE_URL, else http://127.0.0.1:3000)
  --token TOKEN    sent as a bearer token (default: $TASKLANE_TOKEN)
  --json           print the answer as JSON on stdout, for scripts
  -h, --help       this text`;

export const WAIT_HELP = `  -w, --wait           wait for the task to end, showing its progress on stderr;
                       exit 0 completed, 1 error, 3 cancelled, 4 timed out, 5 service
                       unreachable too long, 130 Ctrl-C
  --timeout SECONDS    with --wait: stop waiting after this long (exit 4); the task goes on
  --give-up-after SECONDS
                       with --wait: while the service is unreachable (a restart), keep retrying
                       this long before giving up (exit 5; default ${GIVE_UP_AFTER_DEFAULT_S} s)
  --idempotency-key K  a retried submit with the same key answers with the first task`;

/** `tasklane <command> --help`: the usage on stdout, exit 0. */
export function printHelp(command: Command): ExitCode {
  process.stdout.write(`${command.help}\n`);
  return EXIT.ok;
}
