import { EXIT, type ExitCode } from "./exit-codes.ts";
import { t } from "./i18n/i18n.ts";

/**
 * A failure the command explains in one line and ends with its own exit code. Only this
 * reaches the person as-is; anything else is unexpected and becomes a generic line (main.ts).
 */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** Wrong usage: the reason, and where to read the usage of `command` (or of the whole tool). */
export function usageError(reason: string, command?: string): CliError {
  const help = command ? `tasklane ${command} --help` : "tasklane --help";
  return new CliError(t("usage.seeHelp", { reason, help }), EXIT.usage);
}
