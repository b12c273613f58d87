import { Readable } from "node:stream";
import { z } from "zod";
import type { FastifyInstance } from "fastify";
import { type AccessControl, UNAUTHORIZED_TEXT } from "../access.ts";
import type { PricingReads } from "../pricing/pricing-reads.ts";
import { replyError } from "./json-error.ts";

/** GET /api/pricelists/:id/export-csv — streamed, so a large pricelist never sits whole in memory. */
export function registerPricelistCsvRoute(server: FastifyInstance, deps: { access: AccessControl; pricing: PricingReads }) {
  server.get<{ Params: { id: string } }>("/api/pricelists/:id/export-csv", async (request, reply) => {
    if (deps.access.callerOf(request.headers.authorization) === null) {
      return replyError(reply, "UNAUTHORIZED", UNAUTHORIZED_TEXT);
    }
    const id = z.uuid().safeParse(request.params.id);
    if (!id.success) return replyError(reply, "BAD_REQUEST", "id: must be a pricelist id (a UUID)");
    const chunks = await deps.pricing.pricelistCsv(id.data);
    if (!chunks) return replyError(reply, "NOT_FOUND", `No pricelist with id ${id.data}`);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="pricelist-${id.data}.csv"`)
      .send(Readable.from(chunks));
  });
}
