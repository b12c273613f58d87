import { InvalidCursorError } from "@tasklane/pricing";
import { TRPCError } from "@trpc/server";
import { CallerLimitError, IdempotencyKeyConflictError } from "../tasks/errors.ts";
import { fieldError } from "../trpc/field-error.ts";

/**
 * The tRPC answer for an error the task backend throws because of what the caller sent, or
 * undefined for any other error (an engine away, a bug), which goes on as it is.
 */
export function callerError(error: unknown, input: unknown): TRPCError | undefined {
  if (error instanceof InvalidCursorError) return fieldError("cursor", error.message, (input as { cursor?: unknown }).cursor);
  if (error instanceof IdempotencyKeyConflictError) return new TRPCError({ code: "CONFLICT", message: error.message, cause: error });
  if (error instanceof CallerLimitError) return new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
  return undefined;
}

/** Runs a procedure's body, answering the caller's mistakes with their own codes. */
export async function answering<R>(input: unknown, body: () => Promise<R>): Promise<R> {
  try {
    return await body();
  } catch (error) {
    throw callerError(error, input) ?? error;
  }
}
