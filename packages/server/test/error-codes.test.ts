import { ERROR_STATUS, type ErrorCode } from "@tasklane/contract";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { expect, expectTypeOf, it } from "vitest";

/** The REST routes' name for a status tRPC has no code for. */
type RestOnly = "REQUEST_HEADER_FIELDS_TOO_LARGE";

it("the contract's error codes are tRPC's, answered with tRPC's HTTP status", () => {
  expectTypeOf<Exclude<ErrorCode, RestOnly>>().toExtend<TRPC_ERROR_CODE_KEY>();
  for (const [code, status] of Object.entries(ERROR_STATUS)) {
    if (code === ("REQUEST_HEADER_FIELDS_TOO_LARGE" satisfies RestOnly)) continue;
    expect([code, getHTTPStatusCodeFromError(new TRPCError({ code: code as TRPC_ERROR_CODE_KEY }))]).toEqual([code, status]);
  }
});
