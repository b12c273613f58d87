import { z } from "zod";
import { LocalTextSchema } from "./texts/local-text.ts";
import { TASK_ERROR_MAX_CHARS } from "./task.ts";
import { SkippedRowSchema, StockKindSchema } from "./task-types/stock-import.ts";
import { HEADER_TEXT_MAX_CHARS, MappingSourceSchema, SHEET_NAME_MAX_CHARS, StockFieldSchema, StockMappingSchema } from "./stock-mapping.ts";

/** Data rows a preview shows per sheet, as the import would store them (and as many skipped rows). */
export const PREVIEW_ROWS = 20;
/** The longest "why" a preview gives for a header row or a column. */
export const PREVIEW_REASON_MAX_CHARS = 300;

/** Look at an uploaded file before importing it: what each sheet holds and how it would be read. */
export const StockFileInspectInputSchema = z.strictObject({
  uploadId: z.uuid(),
  /** The supplier it is for: its saved mapping is used unless `mapping` is given. */
  supplier: z.string().trim().min(1).max(200).optional(),
  kind: StockKindSchema.default("stock"),
  mapping: StockMappingSchema.optional(),
});
export type StockFileInspectInput = z.input<typeof StockFileInspectInputSchema>;

const PositionSchema = z.number().int().min(1);

/** A column that names (or could name) a field, and why. */
export const ColumnChoiceSchema = z.object({
  /** 1-based (1 = A). */
  position: PositionSchema,
  header: z.string().max(HEADER_TEXT_MAX_CHARS),
  reason: z.string().max(PREVIEW_REASON_MAX_CHARS),
  /** The reason by its key and values, for a client in another language (textIn). */
  reasonText: LocalTextSchema,
});
export type ColumnChoice = z.infer<typeof ColumnChoiceSchema>;

export const PreviewFieldSchema = z.object({
  field: StockFieldSchema,
  /** The column the import reads, or null when the file has none (or the mapping says not to read it). */
  chosen: ColumnChoiceSchema.nullable(),
  /** Other columns whose header names this field, best first: what a person may pick instead. */
  alternatives: z.array(ColumnChoiceSchema).max(50),
});
export type PreviewField = z.infer<typeof PreviewFieldSchema>;

/** A data row as the import would store it. */
export const PreviewRowSchema = z.object({
  row: z.number().int().positive(),
  partNumber: z.string(),
  name: z.string().nullable(),
  vendor: z.string().nullable(),
  category: z.string().nullable(),
  quantity: z.number().nullable(),
  price: z.number(),
});
export type PreviewRow = z.infer<typeof PreviewRowSchema>;

export const PreviewSheetSchema = z.object({
  name: z.string().max(SHEET_NAME_MAX_CHARS),
  visible: z.boolean(),
  /** Whether an import reads it: visible (or named by the mapping) and in the mapping's sheets, if it names any. */
  read: z.boolean(),
  /** Rows read for the preview; the preview stops once it has enough, so a big sheet is not read to its end. */
  rowsRead: z.number().int().nonnegative(),
  /** Whether `rowsRead` is the whole sheet. */
  complete: z.boolean(),
  /** The header row's number, or null when none was found (then `problem` says why). */
  headerRow: z.number().int().positive().nullable(),
  headerReason: z.string().max(PREVIEW_REASON_MAX_CHARS).nullable(),
  headerReasonText: LocalTextSchema.nullable(),
  /** The header row's non-empty cells, each with the field it is read as (or null). */
  columns: z
    .array(z.object({ position: PositionSchema, header: z.string().max(HEADER_TEXT_MAX_CHARS), field: StockFieldSchema.nullable() }))
    .max(1_024),
  fields: z.array(PreviewFieldSchema),
  rows: z.array(PreviewRowSchema).max(PREVIEW_ROWS),
  skippedRows: z.array(SkippedRowSchema).max(PREVIEW_ROWS),
  problem: z.string().max(TASK_ERROR_MAX_CHARS).nullable(),
  problemText: LocalTextSchema.nullable(),
});
export type PreviewSheet = z.infer<typeof PreviewSheetSchema>;

export const StockFilePreviewSchema = z.object({
  uploadId: z.uuid(),
  filename: z.string(),
  format: z.enum(["xlsx", "csv", "mxl"]),
  sheets: z.array(PreviewSheetSchema).max(100),
  /**
   * The mapping in effect, as "remember" saves it: what was given stays as given, and every field
   * found is named by its header text (its column number where that text is empty or repeated).
   * Sheets and the header row appear only where given: the next file's may differ.
   */
  mapping: StockMappingSchema,
  mappingSource: MappingSourceSchema,
  /** Why an import of the file would fail with this mapping, or null. */
  error: z.string().max(TASK_ERROR_MAX_CHARS).nullable(),
  errorText: LocalTextSchema.nullable(),
});
export type StockFilePreview = z.infer<typeof StockFilePreviewSchema>;
