import {
  ComponentListInputSchema,
  ComponentListSchema,
  PricelistGetInputSchema,
  PricelistListInputSchema,
  PricelistListSchema,
  PricelistPageSchema,
} from "@tasklane/contract";
import { InvalidCursorError } from "@tasklane/pricing";
import { TRPCError } from "@trpc/server";
import { fieldError } from "../trpc/field-error.ts";
import { authedProcedure, router } from "../trpc/init.ts";

/** A cursor the caller made up (or edited) is the caller's mistake: BAD_REQUEST on `cursor`. */
function paged<I extends { cursor?: string | undefined }, R>(read: (input: I) => Promise<R>) {
  return async (input: I): Promise<R> => {
    try {
      return await read(input);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw fieldError("cursor", error.message, input.cursor);
      throw error;
    }
  };
}

/** Pricing data is the company's: every authorised caller reads all of it. */
export const componentsRouter = router({
  list: authedProcedure
    .input(ComponentListInputSchema)
    .output(ComponentListSchema)
    .query(({ ctx, input }) => paged(ctx.pricing.components)(input)),
});

export const pricelistsRouter = router({
  list: authedProcedure
    .input(PricelistListInputSchema)
    .output(PricelistListSchema)
    .query(({ ctx, input }) => paged(ctx.pricing.pricelists)(input)),
  get: authedProcedure
    .input(PricelistGetInputSchema)
    .output(PricelistPageSchema)
    .query(async ({ ctx, input }) => {
      const page = await paged(ctx.pricing.pricelist)(input);
      if (!page) throw new TRPCError({ code: "NOT_FOUND", message: `No pricelist with id ${input.id}` });
      return page;
    }),
});
