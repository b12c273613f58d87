import { type LocalText, text } from "@tasklane/contract";
import type { ColumnCandidate, HeaderMatch } from "../readers/columns.ts";
import { parseNumber } from "../readers/numbers.ts";

/** Data rows below the header that the choice looks at: enough to see what a column holds, few enough to hold in memory. */
export const CONTENT_SAMPLE_ROWS = 20;

type Fits = (cell: string) => boolean;

const isPositiveNumber: Fits = (cell) => {
  const value = parseNumber(cell);
  return value !== undefined && value > 0;
};

/** A part number is a short code without spaces or with few, not a sentence or a bare price. */
const looksLikeCode: Fits = (cell) => cell.length <= 60 && cell.split(/\s+/).length <= 3 && parseNumber(cell) === undefined;

/** Share of a column's non-empty cells in `rows` that fit; undefined when the column is empty there. */
function share(rows: readonly (readonly string[])[], column: number, fits: Fits): number | undefined {
  let filled = 0;
  let fitting = 0;
  for (const cells of rows) {
    const cell = (cells[column] ?? "").trim();
    if (cell === "") continue;
    filled++;
    if (fits(cell)) fitting++;
  }
  return filled === 0 ? undefined : fitting / filled;
}

const CONTENT_RULES: { field: "price" | "partNumber"; fits: Fits; says: "preview.cellsArePrices" | "preview.cellsArePartNumbers" }[] = [
  { field: "price", fits: isPositiveNumber, says: "preview.cellsArePrices" },
  { field: "partNumber", fits: looksLikeCode, says: "preview.cellsArePartNumbers" },
];

/**
 * The header decides, the cells confirm: where the column a header chose for the price (or the
 * part number) holds mostly something else in the first rows below it ("по запросу", or nothing),
 * and another column whose header names the same field holds mostly what it should, that one is
 * taken, and the preview says why. Fields a mapping chose are left as the mapping says.
 */
export function confirmByContent(match: HeaderMatch, rows: readonly (readonly string[])[]): HeaderMatch {
  if (rows.length === 0) return match;
  let columns = match.columns;
  let candidates = match.candidates;
  const contentReasons: Partial<Record<string, LocalText>> = { ...match.contentReasons };
  for (const { field, fits, says } of CONTENT_RULES) {
    const chosen = columns[field];
    const list = candidates[field];
    if (chosen === undefined || list === undefined || list.length < 2 || match.chosenBy?.[field] !== undefined) continue;
    const chosenShare = share(rows, chosen, fits) ?? 0;
    if (chosenShare >= 0.5) continue;
    const better = list.find(
      (candidate: ColumnCandidate) => candidate.column !== chosen && (share(rows, candidate.column, fits) ?? 0) >= 0.8,
    );
    if (better === undefined) continue;
    columns = { ...columns, [field]: better.column };
    candidates = { ...candidates, [field]: [better, ...list.filter((candidate) => candidate !== better)] };
    contentReasons[field] = text(says, { header: list.find((c) => c.column === chosen)!.header });
  }
  return columns === match.columns ? match : { ...match, columns, candidates, contentReasons };
}
