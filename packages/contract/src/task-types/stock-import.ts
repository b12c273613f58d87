import { z } from "zod";
import type { Language } from "../language.ts";
import { LocalTextSchema, textIn } from "../texts/local-text.ts";
import { MappingSourceSchema, StockMappingSchema } from "../stock-mapping.ts";

export const STOCK_KINDS = ["stock", "competitor"] as const;
export const StockKindSchema = z.enum(STOCK_KINDS);
export type StockKind = z.infer<typeof StockKindSchema>;

/** Import a supplier's (kind `stock`) or a competitor's (kind `competitor`) uploaded file. */
export const StockImportInputSchema = z.strictObject({
  uploadId: z.uuid(),
  supplier: z.string().trim().min(1, "must not be empty").max(200),
  kind: StockKindSchema,
  /** How to read the file; without it, the supplier's saved mapping, else detection. */
  mapping: StockMappingSchema.optional(),
  /** Once the import completes, save the mapping it used as the supplier's (for its next files). */
  saveMapping: z.boolean().optional(),
});

/**
 * What an import works on, as the history names it: the supplier, the kind, and the uploaded
 * file's name (null for a task whose file name was not recorded: one submitted before it was).
 */
export const StockImportSubjectSchema = z.object({
  supplier: z.string(),
  kind: StockKindSchema,
  fileName: z.string().nullable(),
});

/** How many skipped rows a result lists; the rest are only counted. */
export const MAX_SKIPPED_ROWS_LISTED = 100;

/** The longest reason a skipped row is given (it quotes at most the start of a cell). */
export const SKIPPED_ROW_REASON_MAX_CHARS = 300;

/** The longest sheet name a skipped row gives (Excel allows 31 characters; other writers more). */
export const SKIPPED_ROW_SHEET_MAX_CHARS = 100;

export const SkippedRowSchema = z.object({
  /** 1-based row number as a spreadsheet shows it. */
  row: z.number().int().positive(),
  /** The sheet the row is in (rows are numbered per sheet): given for every .xlsx row, absent for CSV and 1C files. */
  sheet: z.string().max(SKIPPED_ROW_SHEET_MAX_CHARS).optional(),
  reason: z.string().max(SKIPPED_ROW_REASON_MAX_CHARS),
  /** The reason by its key and values (skipReasonIn); absent on tasks stored before texts had keys. */
  reasonText: LocalTextSchema.optional(),
});

/** Why the row was skipped, in this language. */
export const skipReasonIn = (row: z.infer<typeof SkippedRowSchema>, language: Language): string =>
  textIn(row.reasonText, language) ?? row.reason;

export const StockImportResultSchema = z.object({
  rowsTotal: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  componentsCreated: z.number().int().nonnegative(),
  skippedRows: z.array(SkippedRowSchema).max(MAX_SKIPPED_ROWS_LISTED),
  // The fields below are absent on tasks that completed before mappings existed.
  /** The supplier's rows of this kind before the import and after it (the page warns when they fell by half). */
  rowsBefore: z.number().int().nonnegative().optional(),
  rowsAfter: z.number().int().nonnegative().optional(),
  /** How the file was read: the mapping used (as a preview's `mapping`), where it came from, and whether it was saved for the supplier. */
  mapping: z.object({ source: MappingSourceSchema, used: StockMappingSchema, saved: z.boolean() }).optional(),
});
