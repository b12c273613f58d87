import { z } from "zod";

/** Recalculate every component's price from its suppliers' stock offers. Takes no options. */
export const RecalculateInputSchema = z.strictObject({});

/** What a recalculation works on: every component, so nothing to name. */
export const RecalculateSubjectSchema = z.object({});

export const RecalculateResultSchema = z.object({
  componentsTotal: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  withoutOffers: z.number().int().nonnegative(),
});
