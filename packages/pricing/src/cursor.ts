import { InvalidCursorError } from "./errors.ts";

/**
 * Page cursors are opaque to callers (base64url of a small JSON value), so the ordering
 * they encode can change without changing the API.
 */
export function encodeCursor(value: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T extends readonly (string | number)[]>(
  cursor: string,
  isValid: (value: unknown[]) => value is [...T],
): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(value) || !isValid(value)) throw new InvalidCursorError();
  return value as unknown as T;
}

export const isIntegerCursor = (value: unknown[]): value is [number] =>
  value.length === 1 && Number.isSafeInteger(value[0]);
