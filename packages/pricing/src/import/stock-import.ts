import { MAX_SKIPPED_ROWS_LISTED, type StockKind, type TaskResult } from "@tasklane/contract";
import { clampPercent, formatCount, throwIfAborted, type WorkContext, yieldToEventLoop } from "../context.ts";
import type { PricingDb } from "../db/database.ts";
import { StockFileError } from "../errors.ts";
import { openRowReader } from "../readers/open.ts";
import type { RowReader } from "../readers/types.ts";
import { HeaderFinder } from "./header.ts";
import { RowGuard } from "../readers/row-guard.ts";
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
  /**
   * The task's id. Nothing needs it now: staged rows live in a temp table of the import's own
   * connection, so a run that died left none for its rerun to remove (see stager.ts).
   */
  importId?: string;
}

/** Rows staged per short transaction (one in flight while the next is read); between batches the event loop runs. */
const BATCH_ROWS = 2_000;
/** Reading takes this share of the progress bar; saving the rest. */
const READ_SHARE = 90;

type StockImportResult = TaskResult<"stockImport">;
type Tally = Omit<StockImportResult, "componentsCreated">;

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
  const staging = await openStaging(db);
  try {
    const tally = await stageFile(staging, reader, input, ctx);
    if (tally.imported === 0) await refuseWipe(db, supplier, input.kind, tally);
    ctx.progress(READ_SHARE, `Saving ${formatCount(tally.imported)} rows`);
    // One more turn so the "Saving" line reaches the task store before the final
    // transaction; the last chance for a cancel, too.
    await yieldToEventLoop(ctx.signal);
    const componentsCreated = await staging.apply({ supplier, kind: input.kind, importedAt: Date.now() });
    ctx.progress(99, `Saved ${formatCount(tally.imported)} rows`);
    return { ...tally, componentsCreated };
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
async function refuseWipe(db: PricingDb, supplier: string, kind: StockKind, tally: Tally): Promise<void> {
  const { n } = await db.kysely
    .selectFrom("offers")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("supplier", "=", supplier)
    .where("kind", "=", kind)
    .executeTakeFirstOrThrow();
  const kept = Number(n);
  if (kept === 0) return;
  const first = tally.skippedRows[0];
  const cause =
    tally.rowsTotal === 0
      ? "The file has no data rows below its header"
      : `None of the file's ${formatCount(tally.rowsTotal)} data rows could be imported (row ${first!.row}: ${first!.reason})`;
  throw new StockFileError(`${cause}, so ${supplier}'s ${formatCount(kept)} earlier rows are kept as they were.`);
}

async function stageFile(stager: Staging, reader: RowReader, input: StockImportInput, ctx: WorkContext): Promise<Tally> {
  try {
    const tally = await readInto(stager, reader, input, ctx);
    await stager.finish();
    return tally;
  } catch (error) {
    // The batch in flight lands before importStock drops the staging table, not after.
    await stager.settle();
    throw error;
  }
}

async function readInto(stager: Stager, reader: RowReader, input: StockImportInput, ctx: WorkContext): Promise<Tally> {
  const tally: Tally = { rowsTotal: 0, imported: 0, skipped: 0, skippedRows: [] };
  const header = new HeaderFinder();
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
  if (header.columns === undefined) throw header.missingColumnsError();
  await flush();
  return tally;
}

function countRow(tally: Tally, maxRows: number | undefined): void {
  tally.rowsTotal++;
  if (maxRows !== undefined && tally.rowsTotal > maxRows) {
    throw new StockFileError(
      `The file has more than ${formatCount(maxRows)} data rows, the most one import accepts. Split it into smaller files.`,
    );
  }
}
