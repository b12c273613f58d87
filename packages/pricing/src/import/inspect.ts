import {
  HEADER_TEXT_MAX_CHARS,
  type LocalText,
  localize,
  type MappingSource,
  PREVIEW_ROWS,
  type PreviewField,
  type PreviewSheet,
  STOCK_FIELDS,
  type StockField,
  type StockFilePreview,
  type StockKind,
  type StockMapping,
  text,
  truncateText,
} from "@tasklane/contract";
import { StockFileError } from "../errors.ts";
import { type ColumnCandidate, HEADER_SCAN_ROWS, type HeaderMatch } from "../readers/columns.ts";
import { openRowReader } from "../readers/open.ts";
import type { RowReader, SheetInfo } from "../readers/types.ts";
import type { FoundHeader } from "./header.ts";
import { usedMapping } from "./mapping.ts";
import type { StagedRow } from "./rows.ts";
import { readInto } from "./stock-import.ts";

/**
 * Data rows a preview reads per sheet at most, however many are skipped: a preview reads only the
 * top of each sheet, so it answers at once whatever the file's size.
 */
export const PREVIEW_ROWS_READ = 1_000;
/** Sheets a preview lists (the contract's bound); a workbook with more is previewed by its first ones. */
const PREVIEW_SHEETS = 100;

export interface InspectInput {
  filePath: string;
  kind: StockKind;
  /** The mapping to read with (given, or the supplier's saved one), or null to detect. */
  mapping: StockMapping | null;
  mappingSource: MappingSource;
}

export type StockFileInspection = Omit<StockFilePreview, "uploadId" | "filename">;

const FORMATS = { xlsx: "xlsx", csv: "csv", mxl8: "mxl" } as const;

/**
 * What an import of the file would do, sheet by sheet, from the top rows of each: the header and
 * why, each field's column and the alternatives, the first rows as they would be stored. The rows
 * are read by the import's own rules (readInto), so the preview shows what the import does.
 */
export async function inspectStockFile(input: InspectInput): Promise<StockFileInspection> {
  const whole = await openRowReader(input.filePath);
  const sheets = (await whole.listSheets()).slice(0, PREVIEW_SHEETS);
  const wanted = input.mapping?.sheets;
  const previews: PreviewSheet[] = [];
  let first: FoundHeader | undefined;
  for (const sheet of sheets) {
    const read = wanted === undefined ? sheet.visible : wanted.includes(sheet.name);
    if (!read) {
      previews.push({ ...sheetOf(sheet), read: false });
      continue;
    }
    // A workbook's sheets are read one by one, each from its top; a CSV or 1C file is one sheet.
    const reader = sheet.name === "" ? whole : await openRowReader(input.filePath, { sheets: [sheet.name] });
    const { preview, header } = await previewSheet(reader, sheet, input);
    previews.push(preview);
    first ??= header;
  }
  const failed = previews.find((s) => s.problemText !== null);
  const errorText = first !== undefined ? null : (failed?.problemText ?? noSheetText(wanted));
  return {
    format: FORMATS[whole.format],
    sheets: previews,
    mapping: first === undefined ? (input.mapping ?? {}) : usedMapping(first.match, first.cells, input.mapping),
    mappingSource: input.mappingSource,
    error: errorText && (failed?.problem ?? localize(errorText, "en")),
    errorText,
  };
}

const noSheetText = (wanted: readonly string[] | undefined): LocalText =>
  text(wanted === undefined ? "preview.noVisibleSheet" : "preview.noMappedSheet");

/** A sheet as the preview lists it before any of it is read. */
const sheetOf = (sheet: SheetInfo): PreviewSheet => ({
  name: truncateText(sheet.name, 100),
  visible: sheet.visible,
  read: true,
  rowsRead: 0,
  complete: false,
  headerRow: null,
  headerReason: null,
  headerReasonText: null,
  columns: [],
  fields: [],
  rows: [],
  skippedRows: [],
  problem: null,
  problemText: null,
});

async function previewSheet(
  reader: RowReader,
  sheet: SheetInfo,
  input: InspectInput,
): Promise<{ preview: PreviewSheet; header: FoundHeader | undefined }> {
  const staged: StagedRow[] = [];
  const stager = { write: async (rows: readonly StagedRow[]) => void staged.push(...rows) };
  const ctx = { signal: new AbortController().signal, progress: () => undefined };
  const readWith = { mapping: input.mapping, source: input.mappingSource };
  const limits = { rows: PREVIEW_ROWS, readAtMost: PREVIEW_ROWS_READ };
  const preview = sheetOf(sheet);
  try {
    const outcome = await readInto(stager, reader, { filePath: input.filePath, supplier: "", kind: input.kind, readWith }, ctx, limits);
    const { header } = outcome;
    return {
      header,
      preview: {
        ...preview,
        rowsRead: outcome.lastRow,
        complete: outcome.complete,
        headerRow: header.match.rowNumber,
        ...inEnglishBeside("headerReason", headerReason(header.match, input.mapping)),
        columns: headerColumns(header),
        fields: fieldsOf(header),
        rows: staged.slice(0, PREVIEW_ROWS).map(({ rowNumber, partNumber, name, vendor, category, quantity, price }) => ({
          row: rowNumber,
          partNumber,
          name,
          vendor,
          category: category ?? null,
          quantity,
          price,
        })),
        skippedRows: outcome.tally.skippedRows.slice(0, PREVIEW_ROWS),
      },
    };
  } catch (error) {
    if (!(error instanceof StockFileError)) throw error;
    return { header: undefined, preview: { ...preview, problem: error.message, problemText: error.text } };
  }
}

const headerText = (text: string | undefined): string => truncateText((text ?? "").trim(), HEADER_TEXT_MAX_CHARS);

function headerReason(match: HeaderMatch, mapping: StockMapping | null): LocalText {
  if (mapping?.headerRow !== undefined) return text("preview.headerAsMapped", { row: String(mapping.headerRow) });
  if (mapping !== null) return text("preview.headerByMapping");
  return text(match.rowNumber > 1 ? "preview.headerFoundBelow" : "preview.headerFound", { scan: HEADER_SCAN_ROWS });
}

/** A reason as the preview gives it: in English, and by its key for other languages. */
function inEnglishBeside<F extends string>(field: F, reason: LocalText) {
  return { [field]: localize(reason, "en"), [`${field}Text`]: reason } as { [K in F]: string } & { [K in `${F}Text`]: LocalText };
}

function chosenColumns(match: HeaderMatch): Map<number, StockField> {
  const at = new Map<number, StockField>();
  for (const field of STOCK_FIELDS) {
    const column = (match.columns as Partial<Record<StockField, number>>)[field];
    if (column !== undefined && !at.has(column)) at.set(column, field);
  }
  return at;
}

function headerColumns({ match, cells }: FoundHeader): PreviewSheet["columns"] {
  const fieldAt = chosenColumns(match);
  const columns: PreviewSheet["columns"] = [];
  cells.forEach((cell, at) => {
    if (cell.trim() !== "" || fieldAt.has(at)) columns.push({ position: at + 1, header: headerText(cell), field: fieldAt.get(at) ?? null });
  });
  return columns;
}

const detectedReason = (candidate: ColumnCandidate): LocalText =>
  text(candidate.match === "whole" ? "preview.headerIs" : "preview.headerStartsWith", { label: text(candidate.label) });

function chosenReason(match: HeaderMatch, field: StockField, detected: ColumnCandidate | undefined): LocalText {
  const by = match.chosenBy?.[field];
  if (by === "header") return text("preview.chosenByHeader");
  if (by === "position") return text("preview.chosenByPosition");
  const content = match.contentReasons?.[field];
  if (content !== undefined) return content;
  return detected !== undefined ? detectedReason(detected) : text("preview.foundInHeader");
}

function fieldsOf({ match, cells }: FoundHeader): PreviewField[] {
  return STOCK_FIELDS.map((field) => {
    const at = (match.columns as Partial<Record<StockField, number>>)[field];
    const candidates = (match.candidates as Partial<Record<StockField, ColumnCandidate[]>>)[field] ?? [];
    const alternatives = candidates
      .filter((candidate) => candidate.column !== at)
      .map((candidate) => ({
        position: candidate.column + 1,
        header: headerText(candidate.header),
        ...inEnglishBeside("reason", detectedReason(candidate)),
      }));
    if (at === undefined) return { field, chosen: null, alternatives };
    const detected = candidates.find((candidate) => candidate.column === at);
    const chosen = { position: at + 1, header: headerText(cells[at]), ...inEnglishBeside("reason", chosenReason(match, field, detected)) };
    return { field, chosen, alternatives };
  });
}
