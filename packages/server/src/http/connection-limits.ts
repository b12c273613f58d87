import type { Server } from "node:http";
import type { FastifyBaseLogger } from "fastify";
import { clientErrorHandler } from "./client-error.ts";

export interface ConnectionLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  maxConnections: number;
}

/** How often a warning says the connection cap is refusing connections, at most. */
const CAP_WARNING_EVERY_MS = 60_000;

/**
 * Fastify's options that have Node's HTTP server enforce the timeouts: a request whose headers
 * or whole are late is answered 408 and its connection closed. Node measures requestTimeout over
 * the whole request, so it must leave room for a large upload; the idle timeout cuts a connection
 * that stopped sending at all much sooner, and body-rate.ts one that sends a byte now and then.
 */
export function timeoutOptions(limits: ConnectionLimits) {
  // Node refuses a headersTimeout over requestTimeout.
  const headersTimeoutMs = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    // Fastify sets the server's requestTimeout from its own option after creating it (its default 0 is none).
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      // Node looks for late requests on this interval (30 s by default); a fraction of the
      // shorter timeout keeps each 408 close to its time.
      connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(headersTimeoutMs / 4))),
    },
    clientErrorHandler: clientErrorHandler({ ...limits, headersTimeoutMs }),
  };
}

/** Past `max` open connections Node closes each new one as it arrives; the log says so once a minute. */
export function capConnections(server: Server, max: number, log: FastifyBaseLogger): void {
  server.maxConnections = max;
  let warnedAt = -Infinity;
  server.on("drop", () => {
    if (performance.now() - warnedAt < CAP_WARNING_EVERY_MS) return;
    warnedAt = performance.now();
    log.warn({ maxConnections: max }, "connection cap reached: new connections are closed until some end");
  });
}
