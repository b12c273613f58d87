import { POLL_INTERVAL_MS } from "@tasklane/contract";
import { TasklaneRequestError } from "../errors.ts";
import { OUTAGE_BACKOFF, OUTAGE_RETRY_MAX_MS, type OutageOptions } from "./outage-options.ts";

/** A restart shows as no answer at all, or as 502/503/504 from the stopping node or a proxy in front. */
function isOutage(error: unknown): error is TasklaneRequestError {
  if (!(error instanceof TasklaneRequestError)) return false;
  return error.code === "UNREACHABLE" || error.code === "SERVICE_UNAVAILABLE" || [502, 503, 504].includes(error.httpStatus ?? 0);
}

/** The state of one outage, for the poll loop: when it began and how long to wait before the next read. */
export function outageTracker(options: OutageOptions) {
  let since: number | undefined;
  let failures = 0;
  return {
    /** How long to wait before reading again; rethrows `error` when it is no outage or the bound has passed. */
    failed(error: unknown, now: number): number {
      if (!isOutage(error)) throw error;
      if (since === undefined) {
        since = now;
        options.onUnreachable?.(error);
      }
      if (now - since >= options.giveUpAfterMs) throw error;
      const wait = Math.min(Math.round(POLL_INTERVAL_MS * OUTAGE_BACKOFF ** failures++), OUTAGE_RETRY_MAX_MS);
      return Math.min(wait, since + options.giveUpAfterMs - now);
    },
    succeeded(): void {
      if (since !== undefined) options.onBack?.();
      since = undefined;
      failures = 0;
    },
  };
}
