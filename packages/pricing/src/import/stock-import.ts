import {
  type LocalText,
  localize,
  MAX_SKIPPED_ROWS_LISTED,
  type MappingSource,
  SKIPPED_ROW_REASON_MAX_CHARS,
  SKIPPED_ROW_SHEET_MAX_CHARS,
  type StockKind,
  type StockMapping,
  type TaskResult,
  text,
  truncateText,
} from "@tasklane/contract";
import { clampPercent, throwIfAborted, type WorkContext, yieldToEventLoop } from "../context.ts";
import { type PricingDb, transaction } from "../db/database.ts";
import { retried } from "../db/write-transactions.ts";
import { StockFileError } from "../errors.ts";
import { openRowReader } from "../readers/open.ts";
import type { RowReader, SheetRow } from "../readers/types.ts";
import { RowGuard } from "../readers/row-guard.ts";
import type { ColumnMap } from "../readers/columns.ts";
import { saveMapping, savedMapping, supplierOffers } from "../suppliers.ts";
import { categoryTitle } from "./category-rows.ts";
import { CONTENT_SAMPLE_ROWS } from "./content-choice.ts";
import { FileRowNumbers } from "./file-rows.ts";
import { type FoundHeader, SheetHeaders } from "./header.ts";
import { usedMapping } from "./mapping.ts";
import { checkRow, type StagedRow } from "./rows.ts";
import { openStaging, type Stager, type Staging } from "./stager.ts";

export interface StockImportInput {
  /** The uploaded file on disk; its format is told from its bytes, not its name. */
  filePath: string;
  /** The supplier (kind stock) or competitor (kind competitor) whose rows the file replaces. */
  supplier: string;
  kind: StockKind;
  /** A cap on data rows; a file with more fails. Default: none. */
  maxRows?: number | undefined;
  /** How to read the file; without it, the supplier's saved mapping, else detection. */
  mapping?: StockMapping | undefined;
  /** Save the mapping the import used as the supplier's, once it completes. */
  saveMapping?: boolean | undefined;
}

/** Rows staged per short transaction (one in flight while the next is read); between batches the event loop runs. */
const BATCH_ROWS = 2_000;
/**
 * Rows read between turns of the event loop. The reader parses whole chunks of the file without
 * one, and PostgreSQL's answers (a batch is applied in several statements while the next is
 * read) waited for it: at a turn per batch PostgreSQL sat idle between its statements for most
 * of the import.
 */
const TURN_ROWS = 100;
/** Reading takes this share of the progress bar; saving the rest. */
const READ_SHARE = 90;

type StockImportResult = TaskResult<"stockImport">;
type Tally = Pick<StockImportResult, "rowsTotal" | "imported" | "skipped" | "skippedRows">;

/** The mapping an import reads with, and where it came from. */
export interface ReadWith {
  mapping: StockMapping | null;
  source: MappingSource;
}

/** The given mapping, else the supplier's saved one, else none (detect). */
export async function mappingFor(db: PricingDb, supplier: string, kind: StockKind, given: StockMapping | undefined): Promise<ReadWith> {
  if (given !== undefined) return { mapping: given, source: "given" };
  const saved = await savedMapping(db, supplier, kind);
  return saved === null ? { mapping: null, source: "detected" } : { mapping: saved, source: "saved" };
}

/**
 * Imports a supplier's stock file (or a competitor's price file): all of it or none of it.
 * Rows go to a staging table in short batches while the file streams in, then one
 * transaction swaps them in; a failure or an abort leaves the previous rows untouched.
 */
export function importStock(db: PricingDb, input: StockImportInput, ctx: WorkContext): Promise<StockImportResult> {
  return retried(() => importOnce(db, input, ctx));
}

async function importOnce(db: PricingDb, input: StockImportInput, ctx: WorkContext): Promise<StockImportResult> {
  throwIfAborted(ctx.signal);
  ctx.progress(0, text("import.readingFile"));
  const supplier = input.supplier.trim();
  const readWith = await mappingFor(db, supplier, input.kind, input.mapping);
  const reader = await openRowReader(input.filePath, { sheets: readWith.mapping?.sheets });
  const staging = await openStaging(db, { supplier, kind: input.kind, importedAt: Date.now() }, ctx.signal);
  try {
    const { tally, header } = await stageFile(staging, reader, { ...input, readWith }, ctx);
    const rowsBefore = await supplierOffers(db, supplier, input.kind);
    if (tally.imported === 0) refuseWipe(supplier, rowsBefore, tally);
    ctx.progress(READ_SHARE, text("import.saving", { rows: tally.imported }));
    // One more turn so the "Saving" line reaches the task store before the final
    // transaction; the last chance for a cancel, too.
    await yieldToEventLoop(ctx.signal);
    const applied = await staging.apply();
    const used = usedMapping(header.match, header.cells, readWith.mapping);
    const save = input.saveMapping === true;
    if (save) await transaction(db, (trx) => saveMapping(trx, supplier, input.kind, used, Date.now()));
    ctx.progress(99, text("import.saved", { rows: tally.imported }));
    return {
      ...tally,
      componentsCreated: applied.created,
      rowsBefore,
      rowsAfter: applied.offers,
      mapping: { source: readWith.source, used, saved: save },
    };
  } finally {
    await staging.close();
  }
}

/**
 * A file from which no row could be read would leave the supplier with nothing where it had
 * rows: a damaged or misread file, never what the person meant. It ends as an error naming the
 * cause, and the earlier rows stay. (A supplier that had no rows may import an empty file.)
 * Imports of one supplier and kind never run at once (deduplicated), so the count holds.
 */
function refuseWipe(supplier: string, kept: number, tally: Tally): void {
  if (kept === 0) return;
  const first = tally.skippedRows[0];
  const cause =
    tally.rowsTotal === 0
      ? text("import.noDataRows")
      : text("import.noRowImported", {
          rows: tally.rowsTotal,
          where: first!.sheet === undefined ? "" : text("import.inSheet", { sheet: first!.sheet }),
          row: String(first!.row),
          reason: first!.reasonText ?? first!.reason,
        });
  throw new StockFileError(text("import.nothingImported", { cause, supplier, kept }));
}

type ReadInput = StockImportInput & { readWith: ReadWith };

async function stageFile(
  stager: Staging,
  reader: RowReader,
  input: ReadInput,
  ctx: WorkContext,
): Promise<{ tally: Tally; header: FoundHeader }> {
  try {
    const { tally, header } = await readInto(stager, reader, input, ctx);
    await stager.finish();
    return { tally, header };
  } catch (error) {
    // The batch in flight lands before importStock drops the staging table, not after.
    await stager.settle();
    throw error;
  }
}

/** Where a preview stops reading: once it has `rows` rows to store, or `readAtMost` data rows were read. */
export interface ReadLimits {
  rows: number;
  readAtMost: number;
}

export interface ReadOutcome {
  tally: Tally;
  header: FoundHeader;
  /** Whether every row was read (false when `limits` stopped it). */
  complete: boolean;
  /** The number of the last row read. */
  lastRow: number;
}

/**
 * Reads the file's rows into `stager`, by the same rules for an import and for a preview (which
 * stops at `limits`). Exported for tests that look at the staged rows' fields.
 */
export async function readInto(
  stager: Pick<Stager, "write">,
  reader: RowReader,
  input: StockImportInput & { readWith?: ReadWith },
  ctx: WorkContext,
  limits?: ReadLimits,
): Promise<ReadOutcome> {
  const tally: Tally = { rowsTotal: 0, imported: 0, skipped: 0, skippedRows: [] };
  const headers = new SheetHeaders(input.readWith?.mapping ?? null);
  const guard = new RowGuard();
  const fileRows = new FileRowNumbers();
  let batch: StagedRow[] = [];
  // The title row above the rows being read, in the sheet being read.
  let category: { sheet: string | undefined; title: string } | undefined;
  // The first data rows below a header, held until the cells have confirmed the header's columns.
  let held: SheetRow[] = [];
  // Rows read (empty, above the header, or data) since the event loop last ran.
  let sinceYield = 0;
  const pause = async () => {
    sinceYield = 0;
    const read = reader.totalBytes > 0 ? reader.bytesRead / reader.totalBytes : 0;
    ctx.progress(clampPercent(read * READ_SHARE), text("import.readingRows", { rows: tally.rowsTotal }));
    await yieldToEventLoop(ctx.signal);
  };
  const flush = async () => {
    await stager.write(batch);
    batch = [];
    await pause();
  };
  const take = async ({ rowNumber, cells, sheet }: SheetRow, columns: ColumnMap) => {
    const fileRow = fileRows.of(rowNumber, sheet);
    // Title rows are not data rows: neither imported nor skipped, not in rowsTotal.
    const title = categoryTitle(cells, columns);
    if (title !== undefined) {
      category = { sheet, title };
      return;
    }
    countRow(tally, input.maxRows);
    const titleCategory = category !== undefined && category.sheet === sheet ? category.title : null;
    const check = checkRow(fileRow, cells, columns, input.kind, titleCategory);
    if ("row" in check) {
      batch.push(check.row);
      tally.imported++;
    } else {
      tally.skipped++;
      if (tally.skippedRows.length < MAX_SKIPPED_ROWS_LISTED) tally.skippedRows.push(skippedRow(rowNumber, check.skip, sheet));
    }
    if (tally.rowsTotal % BATCH_ROWS === 0) await flush();
  };
  const release = async () => {
    if (held.length === 0) return;
    const columns = headers.confirm(held.map((row) => row.cells));
    const rows = held;
    held = [];
    for (const row of rows) await take(row, columns);
  };
  const enough = () => limits !== undefined && (tally.imported >= limits.rows || tally.rowsTotal >= limits.readAtMost);
  let complete = true;
  let lastRow = 0;
  for await (const row of reader.rows()) {
    lastRow = row.rowNumber;
    if (enough()) {
      complete = false;
      break;
    }
    // Every row read counts, so a file of empty rows (or of rows above a header never found)
    // still lets polls and cancels run; data rows pause when their batch is stored.
    if (++sinceYield > BATCH_ROWS) await pause();
    else if (sinceYield % TURN_ROWS === 0) await yieldToEventLoop(ctx.signal);
    if (held.length > 0 && row.sheet !== held[0]!.sheet) await release();
    const columns = headers.columnsFor(row, guard.check(row.rowNumber, row.cells));
    if (columns === undefined) continue;
    if (headers.unconfirmed) {
      held.push(row);
      if (held.length >= CONTENT_SAMPLE_ROWS) await release();
      continue;
    }
    await take(row, columns);
  }
  await release();
  const header = headers.finish();
  await flush();
  return { tally, header, complete, lastRow };
}

/** A skipped row as the result lists it: an .xlsx row names its sheet (rows are numbered per sheet). */
function skippedRow(row: number, reasonText: LocalText, sheet: string | undefined): Tally["skippedRows"][number] {
  // A reason quotes at most QUOTED_CELL_CHARS characters of one cell, so this never cuts; it states the contract's bound.
  const reason = truncateText(localize(reasonText, "en"), SKIPPED_ROW_REASON_MAX_CHARS);
  return sheet === undefined
    ? { row, reason, reasonText }
    : { row, sheet: truncateText(sheet, SKIPPED_ROW_SHEET_MAX_CHARS), reason, reasonText };
}

function countRow(tally: Tally, maxRows: number | undefined): void {
  tally.rowsTotal++;
  if (maxRows !== undefined && tally.rowsTotal > maxRows) {
    throw new StockFileError(text("import.tooManyRows", { limit: maxRows }));
  }
}
