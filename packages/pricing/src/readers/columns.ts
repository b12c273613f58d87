import { type LocalText, text } from "@tasklane/contract";
import { StockFileError } from "../errors.ts";
import {
  type ColumnRole,
  headerKey,
  headerWords,
  NOT_AFTER_PREFIX,
  PREFIX_MAX_WORDS,
  PRICE_RANK_WORDS,
  VOCABULARY,
  type VocabularyLabel,
} from "./header-vocabulary.ts";
import type { SheetRow } from "./types.ts";

export type { ColumnRole } from "./header-vocabulary.ts";

/** How many rows from the top are searched for the header row. */
export const HEADER_SCAN_ROWS = 50;

/** The chosen column (0 = A) per field. */
export type ColumnMap = Partial<Record<ColumnRole, number>>;

/** What a header cell names, and how strongly (see VOCABULARY). */
export interface HeaderClass {
  role: ColumnRole;
  /** Lower wins among columns competing for one field. */
  rank: number;
  /** What the rank means: "retail or recommended price", "model", ... */
  label: VocabularyLabel;
  /** "whole": the header is a known name; "prefix": it starts with one ("Цена, руб. с НДС" is whole, "Цена со скидкой" prefix). */
  match: "whole" | "prefix";
}

/** A column of the header row that names a field. */
export interface ColumnCandidate extends HeaderClass {
  column: number;
  /** The header cell's text as the file has it. */
  header: string;
}

/** The header row and what it names: the chosen column per field, and every column that could be it. */
export interface HeaderMatch {
  rowNumber: number;
  columns: ColumnMap;
  /**
   * Per field, the columns that name it, best first: the first is the one in `columns`, the
   * others are the alternatives a person may pick instead (e.g. "Код заказа" beside "Модель",
   * "Цена дилера" beside "РРЦ").
   */
  candidates: Partial<Record<ColumnRole, ColumnCandidate[]>>;
  /** Fields a mapping chose (by header text or position) or left unread, rather than detection. */
  chosenBy?: Partial<Record<string, "header" | "position" | "none">>;
  /** Fields whose column the cells below the header chose over the header's first choice, and why. */
  contentReasons?: Partial<Record<string, LocalText>>;
}

/** "Цена, руб." and "Price (USD)" name the price column too: the normalised key a header is compared by. */
export function normalizeHeader(text: string): string {
  return headerKey(headerWords(text));
}

interface Entry {
  role: ColumnRole;
  rank: number;
  label: VocabularyLabel;
}

const WHOLE = new Map<string, Entry>();
const PREFIXES: (Entry & { words: string[] })[] = [];
for (const [role, groups] of Object.entries(VOCABULARY) as [ColumnRole, (typeof VOCABULARY)[ColumnRole]][]) {
  for (const group of groups) {
    const entry = { role, rank: group.rank, label: group.label };
    for (const name of group.whole) {
      const key = normalizeHeader(name);
      const known = WHOLE.get(key);
      // A name in two fields (or two ranks) would make the choice depend on the list's order;
      // spellings of one name ("P/N" and "PN") may both be listed.
      if (known !== undefined && (known.role !== role || known.rank !== group.rank)) {
        throw new Error(`Header name "${name}" is listed twice (${known.role}, ${role})`);
      }
      WHOLE.set(key, entry);
    }
    for (const name of group.prefix ?? []) PREFIXES.push({ ...entry, words: headerWords(name) });
  }
}
// The longest prefix that fits decides ("Part number ..." before "Part ...").
PREFIXES.sort((a, b) => b.words.length - a.words.length);

const labelOf = (role: ColumnRole, rank: number): VocabularyLabel => VOCABULARY[role].find((group) => group.rank === rank)!.label;

const startsWithAny = (word: string, starts: readonly string[]): boolean => starts.some((start) => word.startsWith(start));

/** Whether some run of `words` is a whole name of a field other than `role` ("Артикул / Наименование"). */
function namesOtherField(words: readonly string[], role: ColumnRole): boolean {
  for (let from = 0; from < words.length; from++) {
    for (let to = from + 1; to <= words.length; to++) {
      const entry = WHOLE.get(headerKey(words.slice(from, to)));
      if (entry !== undefined && entry.role !== role) return true;
    }
  }
  return false;
}

/** A longer cell is not a header name ("Цена, руб. с НДС" is 16), and is not normalised. */
const MAX_HEADER_CHARS = 100;

/** What a header cell names, or undefined when it names no field the import reads. */
export function classifyHeader(text: string): HeaderClass | undefined {
  if (text.length > MAX_HEADER_CHARS) return undefined;
  const words = headerWords(text);
  if (words.length === 0) return undefined;
  const whole = WHOLE.get(headerKey(words));
  if (whole !== undefined) return { ...whole, match: "whole" };
  if (words.length > PREFIX_MAX_WORDS) return undefined;
  const prefix = PREFIXES.find((p) => words.length > p.words.length && p.words.every((word, i) => words[i] === word));
  if (prefix === undefined) return undefined;
  const rest = words.slice(prefix.words.length);
  const not = NOT_AFTER_PREFIX[prefix.role] ?? [];
  if (rest.some((word) => startsWithAny(word, not)) || namesOtherField(rest, prefix.role)) return undefined;
  let rank = prefix.rank;
  if (prefix.role === "price") {
    const moved = PRICE_RANK_WORDS.find((group) => rest.some((word) => startsWithAny(word, group.starts)));
    if (moved !== undefined) rank = moved.rank;
  }
  return { role: prefix.role, rank, label: labelOf(prefix.role, rank), match: "prefix" };
}

/** Best first: the lower rank, then a whole name before a prefix match, then the leftmost column. */
const preference = (a: ColumnCandidate, b: ColumnCandidate): number =>
  a.rank - b.rank || (a.match === b.match ? 0 : a.match === "whole" ? -1 : 1) || a.column - b.column;

/** What a row names as a header row: per field the chosen column and the alternatives. */
export function matchHeaderRow(row: SheetRow): HeaderMatch {
  const candidates: Partial<Record<ColumnRole, ColumnCandidate[]>> = {};
  row.cells.forEach((cell, column) => {
    const found = classifyHeader(cell);
    if (found !== undefined) (candidates[found.role] ??= []).push({ ...found, column, header: cell.trim() });
  });
  const columns: ColumnMap = {};
  for (const [role, list] of Object.entries(candidates) as [ColumnRole, ColumnCandidate[]][]) {
    list.sort(preference);
    columns[role] = list[0]!.column;
  }
  return { rowNumber: row.rowNumber, columns, candidates };
}

/** The columns a row names (the chosen one per field). */
export function mapColumns(row: SheetRow): ColumnMap {
  return matchHeaderRow(row).columns;
}

export const isHeaderRow = (map: ColumnMap): boolean => map.partNumber !== undefined && map.price !== undefined;

/** The names an error message quotes: the plainest ones; the docs list them all. */
const QUOTED_NAMES: Record<"partNumber" | "price", readonly string[]> = {
  partNumber: ["Артикул", "Part number", "PN", "SKU"],
  price: ["Цена", "Price"],
};

const OTHER_NAMES: Record<"partNumber" | "price", string> = {
  partNumber: "Код товара, Модель, Item Code",
  price: "РРЦ, Розница, Стоимость, Unit Price",
};

const quoteNames = (role: "partNumber" | "price"): LocalText => {
  const names = QUOTED_NAMES[role];
  return text("columns.oneOf", { names: names.slice(0, -1).join(", "), last: names.at(-1)! });
};

const similarNames = (roles: ("partNumber" | "price")[]): LocalText =>
  text("columns.similarNames", { names: roles.map((role) => OTHER_NAMES[role]).join("; ") });

/**
 * The error for a file whose first rows never name both a part-number and a price column.
 * `seen` is the first row that named one of them, to say where it was.
 */
export function missingColumnsError(sawPartNumber: boolean, sawPrice: boolean, seen?: HeaderMatch): StockFileError {
  const scan = HEADER_SCAN_ROWS;
  const seenAt = (role: "partNumber" | "price"): LocalText | string => {
    const first = seen?.candidates[role]?.[0];
    if (first === undefined) return "";
    return text(role === "price" ? "columns.seenPrice" : "columns.seenPartNumber", { row: String(seen!.rowNumber), header: first.header });
  };
  const partNumberNames = quoteNames("partNumber");
  const priceNames = quoteNames("price");
  if (sawPartNumber && sawPrice) return new StockFileError(text("columns.noHeaderRow", { scan, partNumberNames, priceNames }));
  if (sawPartNumber) {
    return new StockFileError(text("columns.noPrice", { scan, priceNames, similar: similarNames(["price"]), seen: seenAt("partNumber") }));
  }
  if (sawPrice) {
    return new StockFileError(
      text("columns.noPartNumber", { scan, partNumberNames, similar: similarNames(["partNumber"]), seen: seenAt("price") }),
    );
  }
  return new StockFileError(
    text("columns.noneOfThem", { scan, partNumberNames, priceNames, similar: similarNames(["partNumber", "price"]) }),
  );
}
