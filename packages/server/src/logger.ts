import type { FastifyBaseLogger } from "fastify";

/** The logger handlers and the manager write to: Fastify's (pino) logger, or anything shaped like it. */
export type Logger = Pick<FastifyBaseLogger, "debug" | "info" | "warn" | "error" | "child">;

const noop = () => {};

/** For a manager used without a server (tests, scripts): drops every line. */
export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger as FastifyBaseLogger,
};
