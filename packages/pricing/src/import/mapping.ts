import { type ColumnRef, type LocalText, STOCK_FIELDS, type StockField, type StockMapping, text } from "@tasklane/contract";
import { StockFileError } from "../errors.ts";
import { type ColumnMap, HEADER_SCAN_ROWS, type HeaderMatch, isHeaderRow, matchHeaderRow } from "../readers/columns.ts";
import type { HeaderSearch } from "./header.ts";

/** Header texts compare as a person reads them: trimmed, ignoring case and repeated spaces. */
const fold = (text: string): string => text.trim().replace(/\s+/g, " ").toLocaleLowerCase("ru");

const quote = (text: string): string => `"${text}"`;

/** A mapping's columns as [field, reference] pairs, in the contract's field order. */
function refs(mapping: StockMapping): [StockField, ColumnRef][] {
  const columns = mapping.columns ?? {};
  return STOCK_FIELDS.filter((field) => columns[field] !== undefined).map((field) => [field, columns[field]!]);
}

/**
 * The header row as a mapping reads it: detection first, then each field the mapping names
 * replaces what was detected (a header text, a 1-based position, or null: not read). Returns the
 * header texts of the mapping that the row lacks, if any.
 */
export function applyMapping(
  rowNumber: number,
  cells: readonly string[],
  mapping: StockMapping,
): { match: HeaderMatch; missing: string[] } {
  const match = matchHeaderRow({ rowNumber, cells: [...cells] });
  const columns: ColumnMap & Partial<Record<StockField, number>> = { ...match.columns };
  const missing: string[] = [];
  const chosenBy: HeaderMatch["chosenBy"] = {};
  for (const [field, ref] of refs(mapping)) {
    chosenBy[field] = ref === null ? "none" : typeof ref === "number" ? "position" : "header";
    if (ref === null) {
      delete columns[field];
    } else if (typeof ref === "number") {
      columns[field] = ref - 1;
    } else {
      const at = cells.findIndex((cell) => fold(cell) === fold(ref));
      if (at < 0) missing.push(ref);
      else columns[field] = at;
    }
  }
  return { match: { ...match, columns, chosenBy }, missing };
}

/** Whether a row read with the mapping can be the header: every header text it names is there, and a part number and a price column with a cell each. */
const canBeHeader = (cells: readonly string[], columns: ColumnMap): boolean =>
  isHeaderRow(columns) && (cells[columns.partNumber!] ?? "").trim() !== "" && (cells[columns.price!] ?? "").trim() !== "";

/**
 * Finds the header row as a mapping says: at `headerRow` when it names one, else the first of the
 * first rows that has every header text the mapping names and a part number and a price column.
 */
export class MappedHeaderFinder implements HeaderSearch {
  columns: ColumnMap | undefined;
  match: HeaderMatch | undefined;
  /** The first row that had some of the mapping's header texts: the error names what it lacked. */
  private closest: { rowNumber: number; missing: string[] } | undefined;

  constructor(private readonly mapping: StockMapping) {}

  private get limit(): number {
    return this.mapping.headerRow ?? HEADER_SCAN_ROWS;
  }

  offer(rowNumber: number, cells: string[]): void {
    const wanted = this.mapping.headerRow;
    if (rowNumber > this.limit) throw this.missingColumnsError();
    if (wanted !== undefined && rowNumber < wanted) return;
    const { match, missing } = applyMapping(rowNumber, cells, this.mapping);
    if (wanted !== undefined) {
      if (missing.length > 0)
        throw new StockFileError(text("mapping.headerRowLacks", { row: String(wanted), columns: missing.map(quote).join(", ") }));
      if (!isHeaderRow(match.columns))
        throw new StockFileError(noColumnText(text("mapping.whereHeaderRow", { row: String(wanted) }), match.columns));
      this.accept(match);
      return;
    }
    if (missing.length === 0 && canBeHeader(cells, match.columns)) {
      this.accept(match);
      return;
    }
    const named = refs(this.mapping).filter(([, ref]) => typeof ref === "string").length;
    if (missing.length < named && (this.closest === undefined || missing.length < this.closest.missing.length)) {
      this.closest = { rowNumber, missing };
    }
  }

  passEmpty(rowNumber: number): void {
    if (rowNumber === this.mapping.headerRow) throw new StockFileError(text("mapping.headerRowEmpty", { row: String(rowNumber) }));
    if (rowNumber > this.limit) throw this.missingColumnsError();
  }

  missingColumnsError(): StockFileError {
    if (this.mapping.headerRow !== undefined) {
      return new StockFileError(text("mapping.headerRowPastEnd", { row: String(this.mapping.headerRow) }));
    }
    const texts = refs(this.mapping).flatMap(([, ref]) => (typeof ref === "string" ? [ref] : []));
    if (this.closest !== undefined) {
      return new StockFileError(
        text("mapping.closest", { row: String(this.closest.rowNumber), columns: this.closest.missing.map(quote).join(", ") }),
      );
    }
    if (texts.length > 0) {
      return new StockFileError(text("mapping.noRowWithHeaders", { scan: HEADER_SCAN_ROWS, headers: texts.map(quote).join(", ") }));
    }
    return new StockFileError(noColumnText(text("mapping.whereFirstRows", { scan: HEADER_SCAN_ROWS }), {}));
  }

  private accept(match: HeaderMatch): void {
    this.match = match;
    this.columns = match.columns;
  }
}

function noColumnText(where: LocalText, columns: ColumnMap): LocalText {
  const noPartNumber = columns.partNumber === undefined;
  const noPrice = columns.price === undefined;
  const lacking = noPartNumber && noPrice ? "mapping.lacksBoth" : noPartNumber ? "mapping.lacksPartNumber" : "mapping.lacksPrice";
  return text("mapping.noColumn", { where, lacking: text(lacking) });
}

/**
 * The mapping an import used, complete, as it is saved for the supplier: what was given stays as
 * given; every other field found is named by its header text (its position when the text is
 * empty or repeated), so the supplier's next file is read the same way even if its columns move.
 * Sheets and the header row are kept only where given: the next file's title lines and sheet
 * names may differ.
 */
export function usedMapping(match: HeaderMatch, headerCells: readonly string[], given: StockMapping | null): StockMapping {
  const columns: NonNullable<StockMapping["columns"]> = {};
  const givenColumns = given?.columns ?? {};
  const mapped = match.columns as Partial<Record<StockField, number>>;
  for (const field of STOCK_FIELDS) {
    if (givenColumns[field] !== undefined) {
      columns[field] = givenColumns[field];
      continue;
    }
    const at = mapped[field];
    if (at === undefined) continue;
    const text = (headerCells[at] ?? "").trim();
    const unique = text !== "" && headerCells.filter((cell) => fold(cell) === fold(text)).length === 1;
    columns[field] = unique ? text.slice(0, 200) : at + 1;
  }
  return {
    ...(given?.sheets !== undefined ? { sheets: given.sheets } : {}),
    ...(given?.headerRow !== undefined ? { headerRow: given.headerRow } : {}),
    columns,
  };
}
