import { text } from "@tasklane/contract";
import { readFile } from "node:fs/promises";
import { StockFileError } from "../errors.ts";
import { BracketLimitError, BracketSyntaxError, type BracketNode, parseBracketText, QuotedString } from "./bracket.ts";
import { MXL8_HEADER_BYTES } from "./detect.ts";
import { LIMITS, mxlTooDeep, mxlTooManyNodes } from "./limits.ts";
import { ONE_UNNAMED_SHEET, type RowReader, type SheetRow } from "./types.ts";

/** The document is parsed whole (1C's text has no streaming form we can rely on), so its size is capped. */
export const MXL_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads a 1C:Enterprise 8.x spreadsheet document (.mxl): the bracketed text after the
 * header is parsed into a tree, and the longest run of rows found in it becomes the grid.
 * docs/pricing.md describes exactly which structure is read.
 */
export function openMxl8(filePath: string, totalBytes: number): RowReader {
  let bytesRead = 0;
  async function* rows(): AsyncGenerator<SheetRow, void, undefined> {
    if (totalBytes > MXL_MAX_BYTES) {
      throw new StockFileError(text("file.mxlTooLarge", { limit: MXL_MAX_BYTES / 1024 / 1024 }));
    }
    const bytes = await readFile(filePath);
    bytesRead = bytes.length;
    yield* mxlRows(bytes);
  }
  return {
    format: "mxl8",
    totalBytes,
    get bytesRead() {
      return bytesRead;
    },
    rows,
    listSheets: async () => [...ONE_UNNAMED_SHEET],
  };
}

/** The rows of an .mxl held in memory, in order, with 1-based row numbers as 1C shows them. */
export function mxlRows(bytes: Uint8Array): SheetRow[] {
  const tree = parseDocument(bytes);
  const run = bestRowRun(tree);
  if (run.length === 0) {
    throw new StockFileError(text("file.mxlNoRows"));
  }
  return run.map((row) => ({ rowNumber: row.index + 1, cells: row.cells }));
}

function parseDocument(bytes: Uint8Array): BracketNode[] {
  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(MXL8_HEADER_BYTES));
  } catch {
    throw new StockFileError(text("file.mxlNotUtf8"));
  }
  try {
    return parseBracketText(source, { maxDepth: LIMITS.mxlDepth, maxNodes: LIMITS.mxlNodes });
  } catch (error) {
    if (error instanceof BracketLimitError) throw error.kind === "depth" ? mxlTooDeep() : mxlTooManyNodes();
    if (!(error instanceof BracketSyntaxError)) throw error;
    throw new StockFileError(text("file.mxlDamaged", { detail: error.message }));
  }
}

interface MxlRow {
  index: number;
  /** Position in the list of the row's index field. */
  start: number;
  cells: string[];
  /** Position in the list just after this row. */
  next: number;
  textCells: number;
}

/** The run of rows, in any list of the tree, that holds the most cell texts. */
function bestRowRun(root: BracketNode[]): MxlRow[] {
  let best: MxlRow[] = [];
  let bestScore = 0;
  const lists: BracketNode[][] = [root];
  for (let list = lists.pop(); list !== undefined; list = lists.pop()) {
    for (const item of list) if (Array.isArray(item)) lists.push(item);
    for (let i = 0; i < list.length;) {
      const run = rowRunAt(list, i);
      const score = run.reduce((sum, row) => sum + row.textCells, 0);
      if (score > bestScore) [best, bestScore] = [run, score];
      // A run with text is skipped whole (keeps the scan linear); an empty one may be a
      // misreading such as "height,0,0" taken for an empty row, so the scan goes on inside it.
      i = score > 0 ? run.at(-1)!.next : Math.max(i + 1, run.at(-1)?.start ?? 0);
    }
  }
  return best;
}

/** Rows follow each other with rising indexes; up to 3 unknown fields between rows are tolerated. */
function rowRunAt(list: BracketNode[], start: number): MxlRow[] {
  const run: MxlRow[] = [];
  let row = rowAt(list, start, -1);
  while (row !== undefined) {
    run.push(row);
    const after: MxlRow = row;
    row = undefined;
    for (let skip = 0; skip <= 3 && row === undefined; skip++) row = rowAt(list, after.next + skip, after.index);
  }
  return run;
}

const integerAt = (list: BracketNode[], i: number): number | undefined => {
  const node = list[i];
  return typeof node === "string" && /^\d{1,9}$/.test(node) ? Number(node) : undefined;
};

/** `rowIndex, formatIndex, cellCount` then `columnIndex, {cell}` per cell, columns rising. */
function rowAt(list: BracketNode[], i: number, afterIndex: number): MxlRow | undefined {
  const index = integerAt(list, i);
  const count = integerAt(list, i + 2);
  if (index === undefined || index <= afterIndex || integerAt(list, i + 1) === undefined) return undefined;
  // A row claiming more cells, or a cell further right, than a spreadsheet has columns is not a row.
  if (count === undefined || count > LIMITS.cellsPerRow) return undefined;
  const cells: string[] = [];
  let textCells = 0;
  let cursor = i + 3;
  let nextColumn = 0;
  for (let k = 0; k < count; k++, cursor += 2) {
    const column = integerAt(list, cursor);
    const cell = list[cursor + 1];
    if (column === undefined || column < nextColumn || column >= LIMITS.columns || !Array.isArray(cell)) return undefined;
    nextColumn = column + 1;
    if (column >= LIMITS.readColumns) continue; // counted, not kept
    const text = cellText(cell);
    while (cells.length < column) cells.push("");
    cells.push(text);
    if (text !== "") textCells++;
  }
  return { index, start: i, cells, next: cursor, textCells };
}

/**
 * A cell's shown text: the first `{"lang","text"}` pair of the first multi-language string
 * (`{<n>,<count>,<count pairs>}`, e.g. `{1,1,{"ru","Кабель"}}`) found depth-first; a pair with an
 * empty language is a template parameter's name, not text. A pair anywhere else is not the
 * shown text: a cell with a detail (decryption) value, `{20,6,{"S","111"},{1,1,{"#","1"}},0}`,
 * holds the detail as a typed value `{"S","111"}` before the text it shows ("1").
 */
export function cellText(cell: BracketNode[]): string {
  if (isMultiLanguageString(cell)) {
    for (let i = 2; i < cell.length; i++) {
      const [lang, text] = cell[i] as [QuotedString, QuotedString];
      if (lang.text.length > 0 && lang.text.length <= 8 && !/\s/.test(lang.text)) return text.text;
    }
  }
  for (const item of cell) {
    if (!Array.isArray(item)) continue;
    const text = cellText(item);
    if (text !== "") return text;
  }
  return "";
}

const isTextPair = (node: BracketNode | undefined): boolean =>
  Array.isArray(node) && node.length === 2 && node[0] instanceof QuotedString && node[1] instanceof QuotedString;

/** `{<n>,<count>,{"lang","text"}…}` with exactly `count` pairs. */
function isMultiLanguageString(list: BracketNode[]): boolean {
  const count = integerAt(list, 1);
  if (list.length < 3 || integerAt(list, 0) === undefined || count !== list.length - 2) return false;
  for (let i = 2; i < list.length; i++) if (!isTextPair(list[i])) return false;
  return true;
}
