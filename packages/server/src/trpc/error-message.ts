import type { TRPCError } from "@trpc/server";
import type { ZodError } from "zod";
import { INTERNAL_ERROR_TEXT } from "../http/error-handler.ts";
import { summarizeZodError } from "../zod-summary.ts";

export const NOT_JSON_TEXT = "Invalid input: it is not valid JSON (the body, or the URL's input parameter)";
export const NOT_TRPC_FORM_TEXT =
  'Invalid input: it is not in the form tRPC\'s client sends ({"json": ..., "meta": ...} as superjson writes it)';
export const BAD_URL_TEXT = "The URL is not valid: a %-escape in it is broken";

/**
 * The text a caller reads. Our own BAD_REQUESTs are all field errors (field-error.ts, a ZodError
 * cause); every other BAD_REQUEST (PARSE_ERROR for connectionParams) is tRPC failing to read the
 * request, often with the parser's own text as message ("Unexpected token } in JSON at position 3")
 * and its error as cause, which tells by its class what to say instead. A bug's own text (SQL,
 * paths, names) stays in the log.
 */
export function callerMessage(error: TRPCError, zodError: ZodError | null): string {
  if (zodError) return `Invalid input: ${summarizeZodError(zodError)}`;
  if (error.code === "INTERNAL_SERVER_ERROR") return INTERNAL_ERROR_TEXT;
  if (error.code === "BAD_REQUEST" || error.code === "PARSE_ERROR") {
    if (error.cause instanceof SyntaxError) return NOT_JSON_TEXT;
    if (error.cause instanceof URIError) return BAD_URL_TEXT;
    return NOT_TRPC_FORM_TEXT;
  }
  return error.message;
}
