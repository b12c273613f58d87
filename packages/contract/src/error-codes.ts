/**
 * Every code the service answers an error with, and its HTTP status: the same codes on the tRPC
 * procedures and the REST routes, so a caller learns one vocabulary. They are tRPC's names, and
 * HTTP's own where tRPC has none (431). Listed here, not in the server, so that the SDK's error
 * type and the server's answers come from one list.
 */
export const ERROR_STATUS = {
  /** tRPC's own: a body or input parameter that is not JSON, or not in the form its client sends. */
  PARSE_ERROR: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  /** tRPC's own: a query sent by POST or a mutation by GET. */
  METHOD_NOT_SUPPORTED: 405,
  TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  INTERNAL_SERVER_ERROR: 500,
  /** With a `reason` (UnavailableReason). */
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === "string" && Object.hasOwn(ERROR_STATUS, code);

/**
 * Why the service answered SERVICE_UNAVAILABLE, in the answer's `reason`: it is `stopping` (a
 * deploy or restart: it takes no new tasks, and will be back or another node answers), or
 * `engineUnavailable` (it runs, but PostgreSQL or Redis cannot be reached; nothing was changed).
 */
export const UNAVAILABLE_REASONS = ["stopping", "engineUnavailable"] as const;

export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export const isUnavailableReason = (reason: unknown): reason is UnavailableReason =>
  (UNAVAILABLE_REASONS as readonly unknown[]).includes(reason);
