import {
  HEADER_TEXT_MAX_CHARS,
  type MappingSource,
  PREVIEW_ROWS,
  type PreviewField,
  type PreviewRow,
  type PreviewSheet,
  STOCK_FIELDS,
  type StockField,
  type StockFilePreview,
  type StockKind,
  type StockMapping,
  truncateText,
} from "@tasklane/contract";
import { StockFileError } from "../errors.ts";
import { type ColumnCandidate, HEADER_SCAN_ROWS, type HeaderMatch } from "../readers/columns.ts";
import { openRowReader } from "../readers/open.ts";
import { RowGuard } from "../readers/row-guard.ts";
import type { RowReader } from "../readers/types.ts";
import { HeaderFinder, type HeaderSearch } from "./header.ts";
import { MappedHeaderFinder, usedMapping } from "./mapping.ts";
import { checkRow } from "./rows.ts";

/**
 * Rows a preview reads below the header at most, however many are skipped: a preview reads only
 * the top of each sheet, so it answers at once whatever the file's size.
 */
export const PREVIEW_ROWS_READ = 1_000;

export interface InspectInput {
  filePath: string;
  kind: StockKind;
  /** The mapping to read with (given, or the supplier's saved one), or null to detect. */
  mapping: StockMapping | null;
  mappingSource: MappingSource;
}

export type StockFileInspection = Omit<StockFilePreview, "uploadId" | "filename">;

const FORMATS = { xlsx: "xlsx", csv: "csv", mxl8: "mxl" } as const;

/** What an import of the file would do, from the top rows of each sheet: the header, the columns, the first rows. */
export async function inspectStockFile(input: InspectInput): Promise<StockFileInspection> {
  const reader = await openRowReader(input.filePath);
  const sheet = await previewSheet(reader, reader.format === "xlsx" ? "Sheet 1" : reader.format.toUpperCase(), input);
  const sheets = [sheet.preview];
  const first = sheet.header;
  const error = first === undefined ? (sheets.find((s) => s.problem !== null)?.problem ?? null) : null;
  return {
    format: FORMATS[reader.format],
    sheets,
    mapping: first === undefined ? (input.mapping ?? {}) : usedMapping(first.match, first.cells, input.mapping),
    mappingSource: input.mappingSource,
    error,
  };
}

interface FoundHeader {
  match: HeaderMatch;
  cells: string[];
}

async function previewSheet(
  reader: RowReader,
  name: string,
  input: InspectInput,
): Promise<{ preview: PreviewSheet; header: FoundHeader | undefined }> {
  const finder: HeaderSearch = input.mapping === null ? new HeaderFinder() : new MappedHeaderFinder(input.mapping);
  const guard = new RowGuard();
  const rows: PreviewRow[] = [];
  const skippedRows: PreviewSheet["skippedRows"] = [];
  let header: FoundHeader | undefined;
  let rowsRead = 0;
  let below = 0;
  let complete = true;
  let problem: string | null = null;
  try {
    for await (const { rowNumber, cells } of reader.rows()) {
      rowsRead = rowNumber;
      if (guard.check(rowNumber, cells)) {
        if (header === undefined) finder.passEmpty(rowNumber);
        continue;
      }
      if (header === undefined) {
        finder.offer(rowNumber, cells);
        if (finder.match !== undefined) header = { match: finder.match, cells };
        continue;
      }
      const check = checkRow(rowNumber, cells, header.match.columns, input.kind);
      if ("row" in check) {
        const { rowNumber: row, partNumber, name: itemName, vendor, quantity, price } = check.row;
        rows.push({ row, partNumber, name: itemName, vendor, category: null, quantity, price });
      } else if (skippedRows.length < PREVIEW_ROWS) {
        skippedRows.push({ row: rowNumber, reason: check.skip });
      }
      if (rows.length >= PREVIEW_ROWS || ++below >= PREVIEW_ROWS_READ) {
        complete = false;
        break;
      }
    }
    if (header === undefined) throw finder.missingColumnsError();
  } catch (error) {
    if (!(error instanceof StockFileError)) throw error;
    problem = error.message;
    complete = false;
  }
  const preview: PreviewSheet = {
    name,
    visible: true,
    read: true,
    rowsRead,
    complete,
    headerRow: header?.match.rowNumber ?? null,
    headerReason: header === undefined ? null : headerReason(input.mapping),
    columns: header === undefined ? [] : headerColumns(header),
    fields: header === undefined ? [] : fieldsOf(header),
    rows,
    skippedRows,
    problem,
  };
  return { preview, header };
}

const headerText = (text: string | undefined): string => truncateText((text ?? "").trim(), HEADER_TEXT_MAX_CHARS);

function headerReason(mapping: StockMapping | null): string {
  if (mapping?.headerRow !== undefined) return `row ${mapping.headerRow}, as the mapping says`;
  if (mapping !== null) return `the first row with the mapping's columns and a part number and a price`;
  return `the first row in the first ${HEADER_SCAN_ROWS} that names a part number column and a price column`;
}

function headerColumns({ match, cells }: FoundHeader): PreviewSheet["columns"] {
  const fieldAt = new Map<number, StockField>();
  for (const field of STOCK_FIELDS) {
    const at = (match.columns as Partial<Record<StockField, number>>)[field];
    if (at !== undefined && !fieldAt.has(at)) fieldAt.set(at, field);
  }
  const columns: PreviewSheet["columns"] = [];
  cells.forEach((cell, at) => {
    if (cell.trim() !== "" || fieldAt.has(at)) columns.push({ position: at + 1, header: headerText(cell), field: fieldAt.get(at) ?? null });
  });
  return columns;
}

const detectedReason = (candidate: ColumnCandidate): string =>
  `the header ${candidate.match === "whole" ? "is" : "starts with"} a known name for ${candidate.label}`;

function fieldsOf({ match, cells }: FoundHeader): PreviewField[] {
  return STOCK_FIELDS.map((field) => {
    const at = (match.columns as Partial<Record<StockField, number>>)[field];
    const candidates = (match.candidates as Partial<Record<StockField, ColumnCandidate[]>>)[field] ?? [];
    const by = match.chosenBy?.[field];
    const alternatives = candidates
      .filter((candidate) => candidate.column !== at)
      .map((candidate) => ({ position: candidate.column + 1, header: headerText(candidate.header), reason: detectedReason(candidate) }));
    if (at === undefined) return { field, chosen: null, alternatives };
    const detected = candidates.find((candidate) => candidate.column === at);
    const reason =
      by === "header"
        ? "chosen in the mapping by its header"
        : by === "position"
          ? "chosen in the mapping by its column number"
          : detected !== undefined
            ? detectedReason(detected)
            : "found in the header row";
    return { field, chosen: { position: at + 1, header: headerText(cells[at]), reason }, alternatives };
  });
}
