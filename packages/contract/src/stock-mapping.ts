import { z } from "zod";

/** The fields an import reads from a supplier's file; part number and price are required. */
export const STOCK_FIELDS = ["partNumber", "name", "vendor", "category", "quantity", "price"] as const;
export const StockFieldSchema = z.enum(STOCK_FIELDS);
export type StockField = z.infer<typeof StockFieldSchema>;

/** The longest sheet name a mapping or preview carries (Excel allows 31; 1C and CSV have none). */
export const SHEET_NAME_MAX_CHARS = 100;
/** The longest header text a mapping names or a preview quotes. */
export const HEADER_TEXT_MAX_CHARS = 200;
/** A person may point at a header row this far down; detection looks in the first 50 rows. */
export const MAPPING_HEADER_ROW_MAX = 1_000;
/** Column positions are 1-based (1 = A); past this no cell is read. */
export const COLUMN_POSITION_MAX = 1_024;

/**
 * A column of the header row: its header text as the file writes it (compared after trimming
 * and ignoring case and repeated spaces), or its 1-based position (1 = A). `null`: the file has
 * this field but it must not be read (a "Код" column that is not a part number).
 */
export const ColumnRefSchema = z
  .union([z.string().trim().min(1).max(HEADER_TEXT_MAX_CHARS), z.number().int().min(1).max(COLUMN_POSITION_MAX)])
  .nullable();
export type ColumnRef = z.infer<typeof ColumnRefSchema>;

/**
 * How to read a supplier's file. Whatever it leaves out is detected as without a mapping: no
 * `sheets` reads every visible sheet, no `headerRow` looks for the header in each sheet's first
 * rows, a field not in `columns` is found by its header.
 */
export const StockMappingSchema = z.strictObject({
  /** The sheets to read, by name, in the file's order. */
  sheets: z.array(z.string().min(1).max(SHEET_NAME_MAX_CHARS)).min(1).max(100).optional(),
  /** The header row's 1-based number, the same in every sheet read. */
  headerRow: z.number().int().min(1).max(MAPPING_HEADER_ROW_MAX).optional(),
  columns: z
    .strictObject(
      Object.fromEntries(STOCK_FIELDS.map((field) => [field, ColumnRefSchema.optional()])) as {
        [F in StockField]: z.ZodOptional<typeof ColumnRefSchema>;
      },
    )
    .optional(),
});
export type StockMapping = z.infer<typeof StockMappingSchema>;

/** Where the mapping an import used came from. */
export const MAPPING_SOURCES = ["given", "saved", "detected"] as const;
export const MappingSourceSchema = z.enum(MAPPING_SOURCES);
export type MappingSource = z.infer<typeof MappingSourceSchema>;
