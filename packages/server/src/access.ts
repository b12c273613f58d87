import { createHash } from "node:crypto";

/** The caller every request is taken to be when no tokens are configured. */
export const OPEN_CALLER = "local";

const hash = (token: string) => createHash("sha256").update(token).digest("base64url");

/**
 * Who is calling, from the Authorization header. Tokens are kept hashed so that a lookup
 * compares digests, never the secrets themselves.
 */
export class AccessControl {
  readonly #callers: Map<string, string> | null;

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
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    return match ? (this.#callers.get(hash(match[1]!)) ?? null) : null;
  }
}

export const UNAUTHORIZED_TEXT = "A valid token is required: send the header 'Authorization: Bearer <token>'";
