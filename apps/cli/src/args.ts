import { type ParseArgsConfig, parseArgs } from "node:util";
import { usageError } from "./cli-error.ts";
import { t } from "./i18n/i18n.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Every command takes these: where the service is, how to print, and its own help. */
export const COMMON_OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/** The commands that can wait for their task take these as well. */
export const WAIT_OPTIONS = {
  wait: { type: "boolean", short: "w" },
  timeout: { type: "string" },
  "give-up-after": { type: "string" },
} as const satisfies Options;

/**
 * Parses one command's arguments strictly, so a mistyped flag is refused instead of being
 * ignored; parseArgs' own messages are long and mention internals, hence the rewording.
 */
export function parseCommand<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageError(describeParseError(error), command);
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  // "Option '-w, --wait' does not take an argument": name the long form when there is one.
  const option = /'(?:-\w, )?(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return t("usage.unknownOption", { option });
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return t("usage.unexpectedArgument", { arg: /'([^']*)'/.exec(message)?.[1] ?? "" }).trim();
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return /does not take an argument/.test(message) ? t("usage.takesNoValue", { option }) : t("usage.needsValue", { option });
  }
  return message.split(". ")[0] ?? message;
}

/** The value if it is one of `allowed` (the contract's enums), else a usage error listing them. */
export function oneOf<T extends string>(command: string, flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(t("usage.mustBeOneOf", { flag, allowed: allowed.join(", ") }), command);
}

/** Exactly the positional arguments `names` (FILE, ID...), in order. */
export function positionals(command: string, given: string[], names: readonly string[]): string[] {
  if (given.length < names.length) throw usageError(t("usage.missing", { what: names[given.length]! }), command);
  if (given.length > names.length) throw usageError(t("usage.unexpectedArgument", { arg: given[names.length]! }), command);
  return given;
}

/** --timeout SECONDS as milliseconds; undefined when not given (wait without a limit). */
export function timeoutMs(command: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : secondsAsMs(command, "timeout", value);
}

/** How long the service may be away during a wait before it gives up: --give-up-after SECONDS. */
export const GIVE_UP_AFTER_DEFAULT_S = 300;

export function giveUpAfterMs(command: string, value: string | undefined): number {
  return value === undefined ? GIVE_UP_AFTER_DEFAULT_S * 1000 : secondsAsMs(command, "give-up-after", value);
}

function secondsAsMs(command: string, flag: string, value: string): number {
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
    throw usageError(t("usage.secondsAbove0", { flag, value }), command);
  }
  return Math.round(seconds * 1000);
}

/** A whole number from 1 up; the service checks the upper bound and names it if passed. */
export function positiveInteger(command: string, flag: string, value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
    throw usageError(t("usage.wholeNumber", { flag, value }), command);
  }
  return number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checked here so a typo gets a plain answer instead of the service's schema message. */
export function taskId(command: string, value: string): string {
  if (UUID.test(value)) return value.toLowerCase();
  throw usageError(t("usage.notTaskId", { value }), command);
}
