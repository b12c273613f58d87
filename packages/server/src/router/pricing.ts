import {
  ComponentListInputSchema,
  ComponentListSchema,
  PricelistGetInputSchema,
  PricelistListInputSchema,
  PricelistListSchema,
  PricelistPageSchema,
} from "@tasklane/contract";
import { TRPCError } from "@trpc/server";
import { authedProcedure, router } from "../trpc/init.ts";
// A cursor the caller made up (or edited) is BAD_REQUEST on `cursor`, for these lists as for tasks.
import { answering } from "./task-errors.ts";

/** Pricing data is the company's: every authorised caller reads all of it. */
export const componentsRouter = router({
  list: authedProcedure
    .input(ComponentListInputSchema)
    .output(ComponentListSchema)
    .query(({ ctx, input }) => answering(input, () => ctx.pricing.components(input))),
});

export const pricelistsRouter = router({
  list: authedProcedure
    .input(PricelistListInputSchema)
    .output(PricelistListSchema)
    .query(({ ctx, input }) => answering(input, () => ctx.pricing.pricelists(input))),
  get: authedProcedure
    .input(PricelistGetInputSchema)
    .output(PricelistPageSchema)
    .query(async ({ ctx, input }) => {
      const page = await answering(input, () => ctx.pricing.pricelist(input));
      if (!page) throw new TRPCError({ code: "NOT_FOUND", message: `No pricelist with id ${input.id}` });
      return page;
    }),
});
