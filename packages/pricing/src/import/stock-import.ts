import { randomUUID } from "node:crypto";
import { MAX_SKIPPED_ROWS_LISTED, type MappingSource, type StockKind, type StockMapping, type TaskResult } from "@tasklane/contract";
import { clampPercent, formatCount, throwIfAborted, type WorkContext, yieldToEventLoop } from "../context.ts";
import type { PricingDb } from "../db/database.ts";
import { StockFileError } from "../errors.ts";
import { openRowReader } from "../readers/open.ts";
import type { RowReader } from "../readers/types.ts";
import { HeaderFinder, type HeaderSearch } from "./header.ts";
import { MappedHeaderFinder, usedMapping } from "./mapping.ts";
import { saveMapping, savedMapping } from "../suppliers.ts";
import { writeTransaction } from "../db/database.ts";
import { RowGuard } from "../readers/row-guard.ts";
import type { HeaderMatch } from "../readers/columns.ts";
import { checkRow, type StagedRow } from "./rows.ts";
import { applyImport } from "./apply-import.ts";
import { createStager, type Stager } from "./stager.ts";
import { deleteStaging } from "./staging.ts";

export interface StockImportInput {
  /** The uploaded file on disk; its format is told from its bytes, not its name. */
  filePath: string;
  /** The supplier (kind stock) or competitor (kind competitor) whose rows the file replaces. */
  supplier: string;
  kind: StockKind;
  /** A cap on data rows; a file with more fails. Default: none. */
  maxRows?: number | undefined;
  /**
   * Names this import's staged rows. A task passes its id, so that running it again (after its
   * worker died) first removes what the dead run staged. Default: a new random id.
   */
  importId?: string;
  /** How to read the file; without it, the supplier's saved mapping, else detection. */
  mapping?: StockMapping | undefined;
  /** Save the mapping the import used as the supplier's, once it completes. */
  saveMapping?: boolean | undefined;
}

/** Rows staged per short transaction (one in flight while the next is read); between batches the event loop runs. */
const BATCH_ROWS = 2_000;
/** Reading takes this share of the progress bar; saving the rest. */
const READ_SHARE = 90;

type StockImportResult = TaskResult<"stockImport">;
type Tally = Pick<StockImportResult, "rowsTotal" | "imported" | "skipped" | "skippedRows">;

/** The mapping an import reads with, and where it came from. */
interface ReadWith {
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
export async function importStock(db: PricingDb, input: StockImportInput, ctx: WorkContext): Promise<StockImportResult> {
  throwIfAborted(ctx.signal);
  ctx.progress(0, "Reading file");
  const supplier = input.supplier.trim();
  const reader = await openRowReader(input.filePath);
  const importId = input.importId ?? randomUUID();
  await deleteStaging(db, importId);
  try {
    const readWith = await mappingFor(db, supplier, input.kind, input.mapping);
    const { tally, header } = await stageFile(db, importId, reader, { ...input, readWith }, ctx);
    const rowsBefore = await countRows(db, supplier, input.kind);
    if (tally.imported === 0) refuseWipe(supplier, rowsBefore, tally);
    ctx.progress(READ_SHARE, `Saving ${formatCount(tally.imported)} rows`);
    // One more turn so the "Saving" line reaches the task store before the final
    // transaction; the last chance for a cancel, too.
    await yieldToEventLoop(ctx.signal);
    const applied = await applyImport(db, { importId, supplier, kind: input.kind, importedAt: Date.now() });
    const used = usedMapping(header.match, header.cells, readWith.mapping);
    const save = input.saveMapping === true;
    if (save) await writeTransaction(db, (trx) => saveMapping(trx, supplier, input.kind, used, Date.now()));
    ctx.progress(99, `Saved ${formatCount(tally.imported)} rows`);
    return {
      ...tally,
      componentsCreated: applied.created,
      rowsBefore,
      rowsAfter: applied.offers,
      mapping: { source: readWith.source, used, saved: save },
    };
  } catch (error) {
    // The import's own failure is the one to report; rows a failed delete leaves behind go
    // when the task runs again (same importId) or at the next clearStaging.
    await deleteStaging(db, importId).catch(() => {});
    throw error;
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
      ? "The file has no data rows below its header"
      : `None of the file's ${formatCount(tally.rowsTotal)} data rows could be imported (row ${first!.row}: ${first!.reason})`;
  throw new StockFileError(`${cause}, so ${supplier}'s ${formatCount(kept)} earlier rows are kept as they were.`);
}

/** The supplier's rows of this kind now. */
async function countRows(db: PricingDb, supplier: string, kind: StockKind): Promise<number> {
  const { n } = await db.kysely
    .selectFrom("offers")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("supplier", "=", supplier)
    .where("kind", "=", kind)
    .executeTakeFirstOrThrow();
  return Number(n);
}

type ReadInput = StockImportInput & { readWith: ReadWith };

/** The header row as found: what was matched, and its cells (for the mapping the import used). */
interface Header {
  match: HeaderMatch;
  cells: string[];
}

async function stageFile(
  db: PricingDb,
  importId: string,
  reader: RowReader,
  input: ReadInput,
  ctx: WorkContext,
): Promise<{ tally: Tally; header: Header }> {
  const stager = createStager(db, importId);
  try {
    const read = await readInto(stager, reader, input, ctx);
    await stager.finish();
    return read;
  } catch (error) {
    // The batch in flight lands before importStock deletes the staged rows, not after.
    await stager.settle();
    throw error;
  }
}

async function readInto(
  stager: Stager,
  reader: RowReader,
  input: ReadInput,
  ctx: WorkContext,
): Promise<{ tally: Tally; header: Header }> {
  const tally: Tally = { rowsTotal: 0, imported: 0, skipped: 0, skippedRows: [] };
  const { mapping } = input.readWith;
  const header: HeaderSearch = mapping === null ? new HeaderFinder() : new MappedHeaderFinder(mapping);
  let headerCells: string[] = [];
  const guard = new RowGuard();
  let batch: StagedRow[] = [];
  // Rows read (empty, above the header, or data) since the event loop last ran.
  let sinceYield = 0;
  const pause = async () => {
    sinceYield = 0;
    const read = reader.totalBytes > 0 ? reader.bytesRead / reader.totalBytes : 0;
    ctx.progress(clampPercent(read * READ_SHARE), `Reading rows: ${formatCount(tally.rowsTotal)}`);
    await yieldToEventLoop(ctx.signal);
  };
  const flush = async () => {
    await stager.write(batch);
    batch = [];
    await pause();
  };
  for await (const { rowNumber, cells } of reader.rows()) {
    // Every row read counts, so a file of empty rows (or of rows above a header never found)
    // still lets polls and cancels run; data rows pause when their batch is stored.
    if (++sinceYield > BATCH_ROWS) await pause();
    if (guard.check(rowNumber, cells)) {
      if (header.columns === undefined) header.passEmpty(rowNumber);
      continue;
    }
    if (header.columns === undefined) {
      header.offer(rowNumber, cells);
      if (header.columns !== undefined) headerCells = cells;
      continue;
    }
    countRow(tally, input.maxRows);
    const check = checkRow(rowNumber, cells, header.columns, input.kind);
    if ("row" in check) {
      batch.push(check.row);
      tally.imported++;
    } else {
      tally.skipped++;
      if (tally.skippedRows.length < MAX_SKIPPED_ROWS_LISTED) tally.skippedRows.push({ row: rowNumber, reason: check.skip });
    }
    if (tally.rowsTotal % BATCH_ROWS === 0) await flush();
  }
  if (header.match === undefined) throw header.missingColumnsError();
  await flush();
  return { tally, header: { match: header.match, cells: headerCells } };
}

function countRow(tally: Tally, maxRows: number | undefined): void {
  tally.rowsTotal++;
  if (maxRows !== undefined && tally.rowsTotal > maxRows) {
    throw new StockFileError(
      `The file has more than ${formatCount(maxRows)} data rows, the most one import accepts. Split it into smaller files.`,
    );
  }
}
