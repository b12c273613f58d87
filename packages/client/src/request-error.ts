import { TRPCClientError } from "@trpc/client";
import { AbortError, TasklaneRequestError } from "./errors.ts";

interface ErrorData {
  code?: string;
  httpStatus?: number;
  fieldErrors?: Record<string, string[] | undefined> | null;
}

/** Turns what @trpc/client throws into this SDK's public errors. */
export function toPublicError(error: unknown, url: string, signal?: AbortSignal): Error {
  if (signal?.aborted) return new AbortError(signal.reason);
  if (!(error instanceof TRPCClientError)) return error instanceof Error ? error : new Error(String(error));
  const data = error.data as ErrorData | undefined;
  if (!data?.code) {
    return new TasklaneRequestError(`Could not reach the tasklane service at ${url}: ${error.message}`, "UNREACHABLE", undefined, null, {
      cause: error,
    });
  }
  return new TasklaneRequestError(error.message, data.code, data.httpStatus, data.fieldErrors ?? null, { cause: error });
}

export async function guard<R>(url: string, signal: AbortSignal | undefined, call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (error) {
    throw toPublicError(error, url, signal);
  }
}
