import type { AppRouter } from "@tasklane/server";
import { TRPCClientError, createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import { authHeaders } from "./access-token.ts";

// Types only: AppRouter comes from the server as a type, so no server code reaches the bundle.
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * The page is served by the API itself (or by Vite's proxy in dev), so tRPC is on this origin.
 * Batching puts the task list and the panels' reads of one tick into one request.
 */
export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${window.location.origin}/trpc`,
        transformer: superjson,
        headers: authHeaders,
      }),
    ],
  });
}

export type TrpcClient = ReturnType<typeof createTrpcClient>;

/** What the tRPC client throws, its `data` typed by the server's errorFormatter (code, httpStatus, fieldErrors, reason, text). */
export type TrpcError = TRPCClientError<AppRouter>;

/** A guard rather than a cast: `instanceof` says it is tRPC's error, AppRouter says what its data holds. */
export const isTrpcError = (error: unknown): error is TrpcError => error instanceof TRPCClientError;
