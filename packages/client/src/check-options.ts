/**
 * Options are checked where they are given, so a mistake is an error naming it rather than a
 * quiet misbehaviour: `setTimeout(NaN)` fires at once, so `pollTask({ timeoutMs: NaN })` would
 * poll as fast as requests return and break the 500 ms cadence the service is sized for.
 */

/** A duration in milliseconds: a finite number, at least 0. */
export function checkMilliseconds(where: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: must be a finite number of milliseconds, 0 or more, not ${String(value)}`);
  }
}

/** The service's base URL: http or https. */
export function checkServiceUrl(url: unknown): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(String(url));
  } catch {
    // reported below
  }
  if (typeof url !== "string" || !parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new TypeError(`createTasklaneClient: url must be the service's http(s) address, such as http://127.0.0.1:3000, not ${JSON.stringify(url)}`);
  }
}
