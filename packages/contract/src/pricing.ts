import { z } from "zod";
import { PricelistSourceSchema } from "./task-types/pricelist-create.ts";
import { TaskIdSchema } from "./task.ts";

/** Prices are in the pricing system's one currency, rounded to 2 decimals. */
const PriceSchema = z.number().nonnegative();

export const ComponentSchema = z.object({
  /** Trimmed and upper-cased: the component's identity across suppliers. */
  partNumber: z.string(),
  vendor: z.string().nullable(),
  name: z.string().nullable(),
  category: z.string().nullable(),
  price: PriceSchema.nullable(),
  priceUpdatedAt: z.date().nullable(),
});
export type Component = z.infer<typeof ComponentSchema>;

export const PAGE_LIMIT_MAX = 500;
const PageLimitSchema = z.number().int().min(1).max(PAGE_LIMIT_MAX).default(50);
const CursorSchema = z.string().min(1).max(200).optional();

export const ComponentListInputSchema = z
  .strictObject({
    /** Matches part numbers and names, case-insensitively. */
    search: z.string().trim().max(200).optional(),
    limit: PageLimitSchema,
    cursor: CursorSchema,
  })
  .prefault({});
export type ComponentListInput = z.input<typeof ComponentListInputSchema>;

export const ComponentListSchema = z.object({
  items: z.array(ComponentSchema),
  nextCursor: z.string().nullable(),
});
export type ComponentList = z.infer<typeof ComponentListSchema>;

export const PricelistSchema = z.object({
  id: z.uuid(),
  source: PricelistSourceSchema,
  createdAt: z.date(),
  /** The task that made it. */
  taskId: TaskIdSchema.nullable(),
  rowCount: z.number().int().nonnegative(),
});
export type Pricelist = z.infer<typeof PricelistSchema>;

export const PricelistRowSchema = z.object({
  partNumber: z.string(),
  vendor: z.string().nullable(),
  name: z.string().nullable(),
  price: PriceSchema,
  /** Only where the source has one (warehouse). */
  quantity: z.number().nonnegative().nullable(),
});
export type PricelistRow = z.infer<typeof PricelistRowSchema>;

export const PricelistListInputSchema = z
  .strictObject({
    source: PricelistSourceSchema.optional(),
    limit: PageLimitSchema,
    cursor: CursorSchema,
  })
  .prefault({});
export type PricelistListInput = z.input<typeof PricelistListInputSchema>;

export const PricelistListSchema = z.object({
  items: z.array(PricelistSchema),
  nextCursor: z.string().nullable(),
});
export type PricelistList = z.infer<typeof PricelistListSchema>;

export const PricelistGetInputSchema = z.strictObject({
  id: z.uuid(),
  limit: PageLimitSchema,
  cursor: CursorSchema,
});
export type PricelistGetInput = z.input<typeof PricelistGetInputSchema>;

export const PricelistPageSchema = z.object({
  pricelist: PricelistSchema,
  rows: z.array(PricelistRowSchema),
  nextCursor: z.string().nullable(),
});
export type PricelistPage = z.infer<typeof PricelistPageSchema>;
