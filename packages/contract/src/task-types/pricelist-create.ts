import { z } from "zod";

export const PRICELIST_SOURCES = ["estimate", "warehouse", "competitor"] as const;
export const PricelistSourceSchema = z.enum(PRICELIST_SOURCES);
export type PricelistSource = z.infer<typeof PricelistSourceSchema>;

export const PricelistCreateInputSchema = z.strictObject({
  source: PricelistSourceSchema,
});

/** What a pricelist task works on, as the history names it: its source. */
export const PricelistCreateSubjectSchema = z.object({ source: PricelistSourceSchema });

export const PricelistCreateResultSchema = z.object({
  pricelistId: z.uuid(),
  source: PricelistSourceSchema,
  rows: z.number().int().nonnegative(),
});
