import type { ErrorCode } from "@tasklane/contract";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { unavailable } from "../unavailable.ts";
import { replyError } from "./json-error.ts";

/** Fastify's own refusals of a request, by its error code, in words of ours rather than a parser's. */
const REFUSALS: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ["BAD_REQUEST", "The body is not valid JSON"],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["BAD_REQUEST", "The body is empty, but its Content-Type says JSON"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["BAD_REQUEST", "The body's length is not the one its Content-Length says"],
  FST_ERR_CTP_BODY_TOO_LARGE: ["PAYLOAD_TOO_LARGE", "The body is larger than this route accepts"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ["UNSUPPORTED_MEDIA_TYPE", "This route does not read a body of that Content-Type"],
  FST_ERR_BAD_URL: ["BAD_REQUEST", "The URL is not valid: a %-escape in it is broken"],
};
const UNREADABLE: [ErrorCode, string] = ["BAD_REQUEST", "The request could not be read"];

export const INTERNAL_ERROR_TEXT = "Internal error in the service; it is in the server's log";

/**
 * The REST routes' counterpart of tRPC's errorFormatter (trpc/init.ts): a refused request is a
 * 4xx in our words, an engine away a 503 with its text, anything else a 500 that says nothing
 * of its cause, which goes to the log. A request whose connection is gone (the caller left, or a
 * limit cut it) breaks its body's reading with a socket error that says nothing of the engines.
 */
export function handleRouteError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (request.raw.socket.destroyed) {
    request.log.debug({ err: error }, "the connection closed before the request was read");
    return replyError(reply, ...UNREADABLE);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return replyError(reply, ...(REFUSALS[error.code] ?? UNREADABLE));
  const away = unavailable(error);
  if (away !== null) {
    request.log.warn({ err: error }, "an engine is unreachable");
    return replyError(reply, "SERVICE_UNAVAILABLE", away.message, away.reason);
  }
  request.log.error({ err: error }, "request failed");
  return replyError(reply, "INTERNAL_SERVER_ERROR", INTERNAL_ERROR_TEXT);
}
