import { InvalidCursorError } from "./errors.ts";

/** The key of a list's last item: where the next page starts. */
export type CursorKey = readonly (string | number)[];

/**
 * Every list's cursor (tasks, components, pricelists, pricelist rows): base64url of the JSON of
 * the last item's key, opaque to callers so that the ordering it encodes can change.
 */
export const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify(key)).toString("base64url");

/**
 * The key in a cursor; undefined (no cursor) is the first page. Strict, so that a cursor the
 * service did not make is the caller's mistake (InvalidCursorError, a 400) in every list alike
 * and never reaches SQL as something odd: it must be exactly what encodeCursor makes of a key
 * that `isValid` accepts (Node's base64 decoder skips stray characters; the round trip does not).
 */
export function decodeCursor<T extends CursorKey>(cursor: string | undefined, isValid: (key: unknown[]) => key is [...T]): T | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(key) || !isValid(key) || encodeCursor(key) !== cursor) throw new InvalidCursorError();
  return key;
}

/** A key of one positive integer: a row's id, position or sequence number. */
export const isIntegerCursor = (key: unknown[]): key is [number] =>
  key.length === 1 && Number.isSafeInteger(key[0]) && (key[0] as number) >= 0;

/**
 * The page of a query that read `limit + 1` rows: the first `limit` as items, and a cursor after
 * the last of them when there was one more. The one pagination rule of every list.
 */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  toItem: (row: R) => T,
  keyOf: (row: R) => CursorKey,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toItem), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
