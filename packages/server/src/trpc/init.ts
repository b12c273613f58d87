import { TRPCError, initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { UNAUTHORIZED_TEXT } from "../access.ts";
import { UnavailableError, unavailable } from "../unavailable.ts";
import type { Context } from "./context.ts";
import { callerMessage } from "./error-message.ts";
import { ownText } from "../tasks/errors.ts";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Stacks stay in the server's log, never in an answer.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zodError = error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? error.cause : null;
    const flat = zodError ? z.flattenError(zodError) : null;
    return {
      ...shape,
      message: callerMessage(error, zodError),
      data: {
        ...shape.data,
        /** Per field, what is wrong with it: { supplier: ["must not be empty"] }. */
        fieldErrors: flat?.fieldErrors ?? null,
        formErrors: flat?.formErrors ?? null,
        /** For SERVICE_UNAVAILABLE: whether the service is stopping or an engine is away (UnavailableReason). */
        reason: error.code === "SERVICE_UNAVAILABLE" && error.cause instanceof UnavailableError ? error.cause.reason : null,
        /** The message by its key and values when the service wrote it (a file the preview cannot read, a refused submit): a client shows it in its person's language. */
        text: ownText(error.cause) ?? null,
      },
    };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

/** Every procedure but none: without a valid token the answer is UNAUTHORIZED. */
export const authedProcedure = t.procedure.use(async ({ ctx, next }) => {
  if (ctx.caller === null) throw new TRPCError({ code: "UNAUTHORIZED", message: UNAUTHORIZED_TEXT });
  const result = await next({ ctx: { ...ctx, caller: ctx.caller } });
  // An engine that is away is the service's state, not a bug: 503 with a text, never a 500.
  const away = result.ok ? null : unavailable(result.error.cause ?? result.error);
  if (away !== null) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: away.message, cause: away });
  return result;
});
