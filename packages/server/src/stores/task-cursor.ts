import { InvalidCursorError } from "@tasklane/pricing";

/**
 * A task list's cursor is the `seq` of the last task on the page before, in decimal. Every store
 * reads it here, strictly, so that a cursor the service did not make is the caller's mistake
 * (InvalidCursorError, a 400) in each of them alike, and never reaches SQL as something odd
 * (PostgreSQL refused ".1" as a bigint, which answered 500).
 */
export const encodeTaskCursor = (seq: number): string => String(seq);

const DECIMAL = /^[1-9][0-9]{0,15}$/;

/** The seq a page starts below; undefined (no cursor) is the first page. */
export function decodeTaskCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const seq = DECIMAL.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(seq)) throw new InvalidCursorError();
  return seq;
}
