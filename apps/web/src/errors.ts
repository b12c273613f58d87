import { textIn } from "@tasklane/contract";
import { TasklaneRequestError } from "@tasklane/client";
import { currentLanguage, i18n } from "./i18n/index.ts";

type FieldErrors = Record<string, string[] | undefined>;

/**
 * The server's own words (the SDK's TasklaneRequestError carries a message written for a person):
 * in the page's language when the server sent its key (`text`), else as sent; the two cases the
 * page words itself follow the page's language.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof TasklaneRequestError)) return error instanceof Error ? error.message : String(error);
  switch (error.code) {
    // The server's text names an HTTP header; a person on this page needs the field instead.
    case "UNAUTHORIZED":
      return i18n.t("errors.needsToken");
    // The answer never came, or was not the service's.
    case "UNREACHABLE":
      return i18n.t("errors.unreachable");
    default:
      // The service's own text by its key, in the page's language (a file the preview cannot read, a refused submit).
      return textIn(error.text, currentLanguage()) ?? error.message;
  }
}

/** BAD_REQUEST names each wrong field (the server's errorFormatter); the SDK passes them on. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof TasklaneRequestError ? (error.fieldErrors ?? {}) : {};
}

/** A 4xx will answer the same the next time: asking again only delays the message. */
export function worthRetrying(failures: number, error: unknown): boolean {
  const status = error instanceof TasklaneRequestError ? error.httpStatus : undefined;
  return failures < 2 && !(status !== undefined && status >= 400 && status < 500);
}
