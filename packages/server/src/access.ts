import { createHash } from "node:crypto";

/** The caller every request is taken to be when no tokens are configured. */
export const OPEN_CALLER = "local";

const hash = (token: string) => createHash("sha256").update(token).digest("base64url");

/** How many accepted Authorization headers are remembered; past it the memory starts again. */
const MAX_REMEMBERED = 1_000;
/** A header longer than this is checked every time rather than remembered. */
const MAX_REMEMBERED_LENGTH = 512;

/**
 * Who is calling, from the Authorization header. Tokens are kept hashed so that a lookup
 * compares digests, never the secrets themselves.
 *
 * A poller sends the same header twice a second, and its SHA-256 was a tenth of a poll's CPU,
 * so headers that were accepted are remembered (header → caller). The tokens are fixed for the
 * life of the instance (one per process), so the memory cannot outlive a token: a token taken out
 * of the configuration is gone with the process that knew it. Only accepted headers are kept, so
 * an unknown one is hashed as before and cannot fill the memory. Timing: a lookup compares the
 * header with a remembered one only when both have the same length and the same V8 string hash,
 * whose seed is random per process, so a guess cannot be steered towards a remembered secret; a
 * hit being faster than a miss tells only that the header is valid, which the answer says anyway.
 */
export class AccessControl {
  readonly #callers: Map<string, string> | null;
  readonly #remembered = new Map<string, string>();

  /** `tokens` maps each token to its caller's name; none (or empty) means the service is open. */
  constructor(tokens?: ReadonlyMap<string, string>) {
    this.#callers = tokens && tokens.size > 0 ? new Map([...tokens].map(([t, caller]) => [hash(t), caller])) : null;
  }

  get open(): boolean {
    return this.#callers === null;
  }

  /** The caller's name, or null when the request carries no valid token. */
  callerOf(authorization: string | undefined): string | null {
    if (this.#callers === null) return OPEN_CALLER;
    if (authorization === undefined) return null;
    const known = this.#remembered.get(authorization);
    if (known !== undefined) return known;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const caller = match ? (this.#callers.get(hash(match[1]!)) ?? null) : null;
    if (caller !== null && authorization.length <= MAX_REMEMBERED_LENGTH) {
      if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
      this.#remembered.set(authorization, caller);
    }
    return caller;
  }
}

export const UNAUTHORIZED_TEXT = "A valid token is required: send the header 'Authorization: Bearer <token>'";
