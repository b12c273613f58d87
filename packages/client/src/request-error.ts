import { isErrorCode, isLocalText, isUnavailableReason } from "@tasklane/contract";
import { TRPCClientError } from "@trpc/client";
import { AbortError, type RequestErrorCode, TasklaneRequestError } from "./errors.ts";

interface ErrorData {
  code?: string;
  httpStatus?: number;
  fieldErrors?: Record<string, string[] | undefined> | null;
  reason?: unknown;
  text?: unknown;
}

/** An answer's code as the SDK types it: the service's codes, anything else by its HTTP status. */
export const answeredCode = (code: unknown, httpStatus: number): RequestErrorCode => (isErrorCode(code) ? code : `HTTP_${httpStatus}`);

/** The answer's reason for a 503, when it gives one this SDK knows. */
export const answeredReason = (reason: unknown) => (isUnavailableReason(reason) ? reason : null);

/** Turns what @trpc/client throws into this SDK's public errors. */
export function toPublicError(error: unknown, url: string, signal?: AbortSignal): Error {
  if (signal?.aborted) return new AbortError(signal.reason);
  if (!(error instanceof TRPCClientError)) return error instanceof Error ? error : new Error(String(error));
  const data = error.data as ErrorData | undefined;
  if (!data?.code) {
    return new TasklaneRequestError(`Could not reach the tasklane service at ${url}: ${error.message}`, "UNREACHABLE", undefined, {
      cause: error,
    });
  }
  return new TasklaneRequestError(error.message, answeredCode(data.code, data.httpStatus ?? 0), data.httpStatus, {
    fieldErrors: data.fieldErrors ?? null,
    reason: answeredReason(data.reason),
    text: isLocalText(data.text) ? data.text : null,
    cause: error,
  });
}

export async function guard<R>(url: string, signal: AbortSignal | undefined, call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (error) {
    throw toPublicError(error, url, signal);
  }
}
