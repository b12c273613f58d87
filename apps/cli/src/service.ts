import { type TasklaneClient, TasklaneFileError, TasklaneRequestError, createTasklaneClient } from "@tasklane/client";
import { CliError, usageError } from "./cli-error.ts";
import { EXIT } from "./exit-codes.ts";

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
  if (!isHttpUrl(url)) throw usageError(`"${url}" is not an http(s) URL such as ${DEFAULT_URL}`, command);
  return { client: createTasklaneClient({ url, ...(token ? { token } : {}) }), url, tokenGiven: Boolean(token) };
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
      return new CliError(`cannot read ${error.path}: no such file`, EXIT.usage);
    case "FILE_UNREADABLE":
      return new CliError(`cannot read ${error.path}: not a file this user can read (a folder, or no permission)`, EXIT.usage);
    default: {
      const unknown: never = error.code;
      return new CliError(`cannot read ${error.path} (${String(unknown)})`, EXIT.usage);
    }
  }
}

/** Usage and "no service" end with 2: the person has to fix the call or start the service. */
export function requestFailure(error: TasklaneRequestError, service: Service): CliError {
  const usage = (line: string) => new CliError(line, EXIT.usage);
  switch (error.code) {
    case "UNREACHABLE":
      return usage(`cannot reach the tasklane service at ${service.url}: is it running? (set --url or TASKLANE_URL)`);
    case "UNAUTHORIZED":
      return usage(
        service.tokenGiven
          ? `the service at ${service.url} refused the token: check --token or TASKLANE_TOKEN`
          : `the service at ${service.url} needs a token: set --token or TASKLANE_TOKEN`,
      );
    case "NOT_FOUND":
    case "BAD_REQUEST":
    case "PAYLOAD_TOO_LARGE":
    // A file the service cannot read at all: the person has to bring another.
    case "UNPROCESSABLE_CONTENT":
      return usage(lowerFirst(error.message));
    case "SERVICE_UNAVAILABLE":
      return usage(`the service at ${service.url} is stopping and takes no new work: ${error.message}`);
    case "TOO_MANY_REQUESTS":
      return new CliError(`the service is busy, try again shortly: ${error.message}`, EXIT.error);
    default:
      return new CliError(`the service answered ${error.code}: ${error.message}`, EXIT.error);
  }
}

/** The service's sentences start with a capital; after "tasklane: " they read better without. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
