import type { TasklaneRequestError } from "../errors.ts";

/**
 * How pollTask rides out a service that is away for a while (an API node restarting): reads that
 * cannot reach it, or that it answers 502/503/504, are retried instead of rejecting, until the
 * service answers again or `giveUpAfterMs` has passed since the first failed read.
 *
 * Only after a read has succeeded: a service never reached is more likely a wrong URL than a
 * restart, and the caller hears about it at once.
 */
export interface OutageOptions {
  /** Rejects with the last read's TasklaneRequestError once the service has been away this long. */
  giveUpAfterMs: number;
  /** Called once when reads start failing, with the first failure. */
  onUnreachable?: (error: TasklaneRequestError) => void;
  /** Called once when a read succeeds again after onUnreachable. */
  onBack?: () => void;
}

/** The first retry waits one poll interval; each next one this much longer, up to OUTAGE_RETRY_MAX_MS. */
export const OUTAGE_BACKOFF = 1.5;
/** The longest wait between two reads while the service is away: a restart is noticed within this. */
export const OUTAGE_RETRY_MAX_MS = 3_000;
