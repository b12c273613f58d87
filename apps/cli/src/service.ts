import { type TasklaneClient, TasklaneFileError, TasklaneRequestError, createTasklaneClient, textIn } from "@tasklane/client";
import { CliError, usageError } from "./cli-error.ts";
import { EXIT } from "./exit-codes.ts";
import { language, t } from "./i18n/i18n.ts";

export const DEFAULT_URL = "http://127.0.0.1:3000";

/** The service a command talks to, and how it was named (for the messages when it fails). */
export interface Service {
  client: TasklaneClient;
  url: string;
  tokenGiven: boolean;
}

interface Where {
  url?: string | undefined;
  token?: string | undefined;
}

/** --url and --token win over TASKLANE_URL and TASKLANE_TOKEN; an empty variable counts as unset. */
export function connect(flags: Where, env: NodeJS.ProcessEnv, command: string): Service {
  const url = flags.url ?? (env.TASKLANE_URL || DEFAULT_URL);
  const token = flags.token ?? (env.TASKLANE_TOKEN || undefined);
  if (!isHttpUrl(url)) throw usageError(t("usage.notHttpUrl", { url, example: DEFAULT_URL }), command);
  return { client: clientFor(url, token, command), url, tokenGiven: Boolean(token) };
}

/** The SDK refuses a token it cannot send (a TypeError; the url was checked above), which is the person's to fix. */
function clientFor(url: string, token: string | undefined, command: string): TasklaneClient {
  try {
    return createTasklaneClient({ url, ...(token ? { token } : {}) });
  } catch (error) {
    if (error instanceof TypeError && token) throw usageError(t("usage.badToken"), command);
    throw error;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Runs `work` against the service, turning the SDK's request and file errors into one-line CliErrors. */
export async function withService<R>(service: Service, work: (service: Service) => Promise<R>): Promise<R> {
  try {
    return await work(service);
  } catch (error) {
    if (error instanceof TasklaneRequestError) throw requestFailure(error, service);
    if (error instanceof TasklaneFileError) throw fileFailure(error);
    throw error;
  }
}

/** The SDK checks a FILE before sending it; nothing was sent, so the person has to name another (exit 2). */
function fileFailure(error: TasklaneFileError): CliError {
  switch (error.code) {
    case "FILE_NOT_FOUND":
      return new CliError(t("failure.fileNotFound", { path: error.path }), EXIT.usage);
    case "FILE_UNREADABLE":
      return new CliError(t("failure.fileUnreadable", { path: error.path }), EXIT.usage);
    default: {
      const unknown: never = error.code;
      return new CliError(`cannot read ${error.path} (${String(unknown)})`, EXIT.usage);
    }
  }
}

/** Usage and "no service" end with 2: the person has to fix the call or start the service. */
export function requestFailure(error: TasklaneRequestError, service: Service): CliError {
  const usage = (line: string) => new CliError(line, EXIT.usage);
  // The service's own sentence in this run's language when it sent its key (a file it cannot read, a refused submit).
  const message = textIn(error.text, language()) ?? error.message;
  switch (error.code) {
    case "UNREACHABLE":
      return usage(t("failure.unreachable", { url: service.url }));
    case "UNAUTHORIZED":
      return usage(t(service.tokenGiven ? "failure.tokenRefused" : "failure.tokenNeeded", { url: service.url }));
    case "NOT_FOUND":
    case "BAD_REQUEST":
    case "PAYLOAD_TOO_LARGE":
    // A file the service cannot read at all: the person has to bring another.
    case "UNPROCESSABLE_CONTENT":
      return usage(lowerFirst(message));
    // Which 503: the service stops (a deploy), or runs without its database or Redis; an older service does not say.
    case "SERVICE_UNAVAILABLE":
      return usage(t(error.reason ? `failure.${error.reason}` : "failure.unavailable", { url: service.url, message }));
    case "TOO_MANY_REQUESTS":
      return new CliError(t("failure.busy", { message }), EXIT.error);
    default:
      return new CliError(t("failure.answered", { code: error.code, message }), EXIT.error);
  }
}

/** The service's sentences start with a capital; after "tasklane: " they read better without. */
function lowerFirst(text: string): string {
  return /^[A-ZА-ЯЁ][a-zа-яё]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
