import type { UnavailableReason } from "@tasklane/contract";

/**
 * An engine the service needs (Redis, PostgreSQL) cannot be reached; the API answers 503 with
 * this `reason`, which ServiceStoppingError overrides.
 */
export class UnavailableError extends Error {
  override readonly name = "UnavailableError";
  readonly reason: UnavailableReason = "engineUnavailable";
}

// Socket errors; PostgreSQL's "connection exception" (08xxx), "operator intervention" (57Pxx: shut
// down, restarting), too many connections (53300), and a database closed to connections (55000 with that text).
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "53300"]);
const isPostgresDown = (code: string, message: string) =>
  code.startsWith("08") || code.startsWith("57P") || (code === "55000" && /not currently accepting connections/.test(message));

/**
 * What a caller hears (a 503: its text and reason) when `error` means the service cannot serve
 * now, or null for any other error. Such an error never left a half-done change: each write is
 * one statement or one transaction.
 */
export function unavailable(error: unknown): UnavailableError | null {
  if (error instanceof UnavailableError) return error;
  const text = engineAwayText(error);
  return text === null ? null : new UnavailableError(text, { cause: error });
}

function engineAwayText(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = String((error as { code?: unknown }).code ?? "");
  const redis = /enableOfflineQueue|MaxRetriesPerRequest|Connection is closed|Redis/i.test(`${error.name} ${error.message}`);
  if (redis) return "The task queue (Redis) cannot be reached; nothing was changed. Try again in a moment.";
  if (CONNECTION_CODES.has(code) || isPostgresDown(code, error.message) || /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(error.message)) {
    return "The database cannot be reached; nothing was changed. Try again in a moment.";
  }
  return null;
}
