import type { ColumnMap } from "../readers/columns.ts";
import { parseNumber } from "../readers/numbers.ts";

/**
 * Price lists group their items under title rows ("HD-TVI видеокамеры", "Разрешение 2Мп"): a
 * row below the header holding one text cell and nothing else. Such a row is not an item: it
 * names the category of the rows below it, until the next title row or the end of the sheet.
 * The rule is in docs/pricing.md ("Category rows").
 */

/** A longer text is a note or a footnote, not a title. */
export const CATEGORY_TITLE_MAX_CHARS = 200;

/**
 * The title a row gives the rows below it, or undefined when the row is not a title row: it has
 * exactly one non-empty cell, that cell is not in the part-number or price column (an item
 * missing its price is an item, skipped with a reason), it is not a number, it fits on one line
 * and within CATEGORY_TITLE_MAX_CHARS, and it does not start with "*" (a footnote's mark).
 */
export function categoryTitle(cells: readonly string[], columns: ColumnMap): string | undefined {
  let title: string | undefined;
  let column = -1;
  for (let i = 0; i < cells.length; i++) {
    const text = (cells[i] ?? "").trim();
    if (text === "") continue;
    if (title !== undefined) return undefined;
    title = text;
    column = i;
  }
  if (title === undefined || column === columns.partNumber || column === columns.price) return undefined;
  if (title.length > CATEGORY_TITLE_MAX_CHARS || title.includes("\n") || title.includes("\r") || title.startsWith("*")) return undefined;
  return parseNumber(title) === undefined ? title : undefined;
}
