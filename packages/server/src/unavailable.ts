import type { UnavailableReason } from "@tasklane/contract";
import pg from "pg";
import { isConnectionFailure } from "./postgres-connections.ts";

/**
 * An engine the service needs (Redis, PostgreSQL) cannot be reached; the API answers 503 with
 * this `reason`, which ServiceStoppingError overrides. Code that calls an engine throws it where
 * a failure can only mean the engine is away (the task queue: distributed/distributed-tasks.ts);
 * `unavailable()` makes it from PostgreSQL's errors.
 */
export class UnavailableError extends Error {
  override readonly name = "UnavailableError";
  readonly reason: UnavailableReason = "engineUnavailable";
}

export const DATABASE_AWAY_TEXT = "The database cannot be reached; nothing was changed. Try again in a moment.";

/**
 * SQLSTATEs of a database that is away (https://www.postgresql.org/docs/current/errcodes-appendix.html):
 * class 08 (connection exception), class 57P (operator intervention: shut down, restarting, cannot
 * connect now) and 53300 (too many connections).
 */
const awayState = (code: string | undefined) => code !== undefined && (code.startsWith("08") || code.startsWith("57P") || code === "53300");

/** Node's system errors of a socket whose peer is gone or never answered (they carry the failed `syscall`). */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);

/**
 * What a caller hears (a 503: its text and reason) when `error` means the service cannot serve
 * now, or null for any other error. Told by class and code, never by text. Such an error never
 * left a half-done change: each write is one statement or one transaction.
 */
export function unavailable(error: unknown): UnavailableError | null {
  if (error instanceof UnavailableError) return error;
  return databaseAway(error) ? new UnavailableError(DATABASE_AWAY_TEXT, { cause: error }) : null;
}

function databaseAway(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 3) return false;
  if (isConnectionFailure(error)) return true;
  if (error instanceof pg.DatabaseError) return awayState(error.code);
  const { code, syscall, cause } = error as { code?: unknown; syscall?: unknown; cause?: unknown };
  if (typeof syscall === "string" && typeof code === "string" && SOCKET_CODES.has(code)) return true;
  // pg-pool wraps a connect that timed out, with the connection's own error as its cause.
  return databaseAway(cause, depth + 1);
}
