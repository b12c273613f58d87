import { ERROR_STATUS, type ErrorCode, type UnavailableReason } from "@tasklane/contract";
import type { FastifyReply } from "fastify";

/** The REST routes' error body, with tRPC's codes (the contract's list); a 503 says why in `reason`. */
export const errorBody = (code: ErrorCode, message: string, reason?: UnavailableReason) => ({
  error: { code, message, ...(reason ? { reason } : {}) },
});

export function replyError(reply: FastifyReply, code: ErrorCode, message: string, reason?: UnavailableReason): FastifyReply {
  return reply.code(ERROR_STATUS[code]).send(errorBody(code, message, reason));
}
