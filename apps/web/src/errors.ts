import { textIn } from "@tasklane/contract";
import { TasklaneRequestError } from "@tasklane/client";
import { isUnauthorized } from "./access-token.ts";
import { currentLanguage, i18n } from "./i18n/index.ts";
import { isTrpcError } from "./trpc.ts";

type FieldErrors = Record<string, string[] | undefined>;

/**
 * The server's own words (tRPC and the SDK both carry a message written for a person): in the
 * page's language when the server sent its key (`data.text`), else as sent; the two cases the
 * page words itself follow the page's language.
 */
export function errorText(error: unknown): string {
  // The server's text names an HTTP header; a person on this page needs the field instead.
  if (isUnauthorized(error)) return i18n.t("errors.needsToken");
  // No data: the answer never came, or was not the service's.
  if (isTrpcError(error) && !error.data?.code) return i18n.t("errors.unreachable");
  if (error instanceof TasklaneRequestError && error.code === "UNREACHABLE") {
    return i18n.t("errors.unreachable");
  }
  // The service's own text by its key, in the page's language (a file the preview cannot read, a refused submit).
  const own = isTrpcError(error) ? error.data?.text : error instanceof TasklaneRequestError ? error.text : undefined;
  const translated = textIn(own, currentLanguage());
  if (translated !== undefined) return translated;
  return error instanceof Error ? error.message : String(error);
}

/** BAD_REQUEST names each wrong field (the server's errorFormatter); the SDK passes them on. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof TasklaneRequestError) return error.fieldErrors ?? {};
  if (isTrpcError(error)) return error.data?.fieldErrors ?? {};
  return {};
}

/** A 4xx will answer the same the next time: asking again only delays the message. */
export function worthRetrying(failures: number, error: unknown): boolean {
  const status = isTrpcError(error) ? error.data?.httpStatus : error instanceof TasklaneRequestError ? error.httpStatus : undefined;
  return failures < 2 && !(status !== undefined && status >= 400 && status < 500);
}
