import { Readable } from "node:stream";
import { z } from "zod";
import type { FastifyInstance } from "fastify";
import { LanguageSchema, type PricelistExportFormat, PricelistExportFormatSchema, pricelistFileName } from "@tasklane/contract";
import { type AccessControl, UNAUTHORIZED_TEXT } from "../access.ts";
import type { PricingReads } from "../pricing/pricing-reads.ts";
import { replyError } from "./json-error.ts";

const CONTENT_TYPE: Record<PricelistExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * GET /api/pricelists/:id/export-csv and /export-xlsx, `?lang=ru|en` (default en): header names
 * in that language and, for CSV, its separator and decimal mark. Streamed, so a large pricelist
 * never sits whole in memory; saved under a name that says what it is (pricelistFileName).
 */
export function registerPricelistExportRoutes(server: FastifyInstance, deps: { access: AccessControl; pricing: PricingReads }) {
  for (const format of PricelistExportFormatSchema.options) {
    server.get<{ Params: { id: string }; Querystring: { lang?: string } }>(
      `/api/pricelists/:id/export-${format}`,
      async (request, reply) => {
        if (deps.access.callerOf(request.headers.authorization) === null) {
          return replyError(reply, "UNAUTHORIZED", UNAUTHORIZED_TEXT);
        }
        const id = z.uuid().safeParse(request.params.id);
        if (!id.success) return replyError(reply, "BAD_REQUEST", "id: must be a pricelist id (a UUID)");
        const lang = LanguageSchema.default("en").safeParse(request.query.lang);
        if (!lang.success) return replyError(reply, "BAD_REQUEST", `lang: must be one of ${LanguageSchema.options.join(", ")}`);
        const found =
          format === "csv"
            ? await deps.pricing
                .pricelistCsv(id.data, lang.data)
                .then((f) => f && { pricelist: f.pricelist, body: Readable.from(f.chunks) })
            : await deps.pricing.pricelistXlsx(id.data, lang.data).then((f) => f && { pricelist: f.pricelist, body: f.stream });
        if (!found) return replyError(reply, "NOT_FOUND", `No pricelist with id ${id.data}`);
        return reply
          .header("content-type", CONTENT_TYPE[format])
          .header("content-disposition", `attachment; filename="${pricelistFileName(found.pricelist, format)}"`)
          .send(found.body);
      },
    );
  }
}
