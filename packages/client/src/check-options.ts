import type { TaskType } from "@tasklane/contract";
import type { TasklaneClientOptions } from "./client-options.ts";
import type { PollOptions } from "./poll/poll-options.ts";

/**
 * Options are checked where they are given, so a mistake is an error naming it rather than a
 * quiet misbehaviour: `setTimeout(NaN)` fires at once, so `pollTask({ timeoutMs: NaN })` would
 * poll as fast as requests return and break the 500 ms cadence the service is sized for; a `fetch`
 * or a token that fetch cannot send fails every request as if the service could not be reached.
 */
export function checkClientOptions(options: TasklaneClientOptions): void {
  checkServiceUrl(options.url);
  checkToken(options.token);
  checkFunction("createTasklaneClient: fetch", options.fetch);
}

export function checkPollOptions<T extends TaskType>({ timeoutMs, onProgress, outage }: PollOptions<T>): void {
  checkMilliseconds("pollTask: timeoutMs", timeoutMs);
  checkFunction("pollTask: onProgress", onProgress);
  if (!outage) return;
  // Required: without a bound the wait would go on for as long as the service is away.
  checkMilliseconds("pollTask: outage.giveUpAfterMs", outage.giveUpAfterMs, { required: true });
  checkFunction("pollTask: outage.onUnreachable", outage.onUnreachable);
  checkFunction("pollTask: outage.onBack", outage.onBack);
}

/** A duration in milliseconds: a finite number, at least 0; undefined only where it may be left out. */
function checkMilliseconds(where: string, value: unknown, { required = false } = {}): void {
  if (value === undefined && !required) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: must be a finite number of milliseconds, 0 or more, not ${String(value)}`);
  }
}

/** A callback, or left out. */
function checkFunction(where: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function") {
    throw new TypeError(`${where}: must be a function or left out, not ${typeof value}`);
  }
}

/** The service's base URL: http or https. */
function checkServiceUrl(url: unknown): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(String(url));
  } catch {
    // reported below
  }
  if (typeof url !== "string" || !parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new TypeError(
      `createTasklaneClient: url must be the service's http(s) address, such as http://127.0.0.1:3000, not ${JSON.stringify(url)}`,
    );
  }
}

// What a header can carry (Latin-1, no control characters) and the service reads as one token (no spaces).
const TOKEN = /^[\x21-\x7e\xa1-\xff]+$/;

/** A bearer token, or left out. */
function checkToken(token: unknown): void {
  if (token !== undefined && (typeof token !== "string" || !TOKEN.test(token))) {
    const shown = typeof token === "string" ? `a string of ${token.length} characters` : typeof token;
    throw new TypeError(
      `createTasklaneClient: token must be the service's token (visible characters, no spaces) or left out, not ${shown}`,
    );
  }
}
