import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";

/**
 * A BAD_REQUEST shaped like a failed input check, so callers see the field named the same way.
 * ZodRealError, not ZodError: only the former is an Error, which tRPC needs to keep it as the cause.
 */
export function fieldError(field: string, message: string, input: unknown): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", cause: new ZodRealError([{ code: "custom", path: [field], message, input }]) });
}
