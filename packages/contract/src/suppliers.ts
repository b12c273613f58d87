import { z } from "zod";
import { StockKindSchema } from "./task-types/stock-import.ts";
import { StockMappingSchema } from "./stock-mapping.ts";

/** A supplier (kind stock) or competitor (kind competitor): what was imported from it and how its files are read. */
export const SupplierSchema = z.object({
  name: z.string(),
  kind: StockKindSchema,
  /** Its rows in the pricing data now. */
  offers: z.number().int().nonnegative(),
  lastImportedAt: z.date().nullable(),
  /** The mapping its imports use when none is given; null: detected each time. */
  mapping: StockMappingSchema.nullable(),
  mappingSavedAt: z.date().nullable(),
});
export type Supplier = z.infer<typeof SupplierSchema>;

export const SupplierListInputSchema = z
  .strictObject({
    kind: StockKindSchema.optional(),
  })
  .prefault({});
export type SupplierListInput = z.input<typeof SupplierListInputSchema>;

/** Suppliers are few (tens to hundreds): listed in one answer, by name. */
export const SUPPLIERS_LISTED_MAX = 10_000;
export const SupplierListSchema = z.object({ items: z.array(SupplierSchema).max(SUPPLIERS_LISTED_MAX) });
export type SupplierList = z.infer<typeof SupplierListSchema>;

/** Saves (or, with null, forgets) the mapping a supplier's imports use. */
export const SupplierMappingInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: StockKindSchema,
  mapping: StockMappingSchema.nullable(),
});
export type SupplierMappingInput = z.input<typeof SupplierMappingInputSchema>;
