import cors from "@fastify/cors";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { AccessControl } from "./access.ts";
import {
  DEFAULT_GRACE_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_MAX_UPLOAD_BYTES_PER_CALLER,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETENTION_MS,
} from "./defaults.ts";
import { fastTaskGet, taskGetAnswer } from "./http/fast-task-get.ts";
import { enforceBodyRate } from "./http/body-rate.ts";
import { capConnections, timeoutOptions } from "./http/connection-limits.ts";
import { handleRouteError } from "./http/error-handler.ts";
import { registerHealthRoute } from "./http/health-route.ts";
import { servePageFiles } from "./http/page-files.ts";
import { registerPricelistExportRoutes } from "./http/pricelist-export-route.ts";
import { registerTaskRoute } from "./http/tasks-route.ts";
import { registerUploadRoute } from "./http/uploads-route.ts";
import { trpcVary, varyOnOrigin } from "./http/vary-origin.ts";
import { type AppRouter, appRouter } from "./router/index.ts";
import type { ServerOptions } from "./server-options.ts";
import { FinishedTasks } from "./tasks/finished-tasks.ts";
import { Retention } from "./tasks/retention.ts";
import { contextFactory } from "./trpc/context.ts";

/** After the grace period, how long open responses (a slow CSV download) may hold the stop. */
const CLOSE_DEADLINE_MS = 5_000;

/** Closes gracefully, then cuts whatever connection is still open at the deadline. */
async function closeWithin(server: FastifyInstance, ms: number): Promise<void> {
  const timer = setTimeout(() => server.server.closeAllConnections(), ms);
  try {
    await server.close();
  } finally {
    clearTimeout(timer);
  }
}

/** Builds the service; nothing listens until `start()`. */
export function createServer(options: ServerOptions) {
  const limits = {
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
  };
  const server = Fastify({
    ...timeoutOptions(limits),
    logger: options.logger ?? true,
    // Every client polls twice a second: a line per request would drown the lines that matter.
    logController: new LogController({ disableRequestLogging: true }),
    // Batched GETs carry every call's input in the URL.
    routerOptions: { maxParamLength: 5000 },
  });
  capConnections(server.server, limits.maxConnections, server.log);
  enforceBodyRate(server, limits.idleTimeoutMs);
  const access = new AccessControl(options.tokens);
  const crossOrigin = !!options.corsOrigins?.length;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const fast = options.fastTaskGet ?? true;
  // With the fast path, each finished task held also holds its tasks.get answer, ready to send.
  const tasks = new FinishedTasks(options.tasks(server.log), { retentionMs, now: options.now, answer: fast ? taskGetAnswer : undefined });

  const retention = new Retention({
    store: options.store,
    uploads: options.uploads,
    retentionMs,
    uploadsInUse: () => tasks.uploadsInUse(),
    now: options.now,
    log: server.log,
  });

  void server.register(cors, {
    origin: crossOrigin ? [...options.corsOrigins!] : false,
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["authorization", "content-type", "trpc-accept"],
  });
  // Before tRPC's plugin (its route must get the hook) and after CORS (answers keep CORS headers).
  if (fast) void server.register(fastTaskGet, { trpcPrefix: "/trpc", access, tasks, vary: trpcVary(crossOrigin) });
  void server.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory({ access, tasks, uploads: options.uploads, pricing: options.pricing, stockFiles: options.stockFiles }),
      ...(crossOrigin ? { responseMeta: varyOnOrigin } : {}),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") server.log.error({ err: error, path }, "procedure failed");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });
  server.setErrorHandler(handleRouteError);
  registerHealthRoute(server, { access, tasks });
  registerTaskRoute(server, { access, tasks });
  registerUploadRoute(server, {
    access,
    uploads: options.uploads,
    maxBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    maxBytesPerCaller: options.maxUploadBytesPerCaller ?? DEFAULT_MAX_UPLOAD_BYTES_PER_CALLER,
    now: options.now ?? (() => new Date()),
  });
  registerPricelistExportRoutes(server, { access, pricing: options.pricing });
  if (options.webRoot) servePageFiles(server, options.webRoot);

  let started = false;
  return {
    server,
    tasks,
    access,
    retention,
    /** Listens and resolves with the base URL, such as http://127.0.0.1:3000. */
    async start(): Promise<string> {
      const url = await server.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? DEFAULT_PORT });
      started = true;
      retention.start();
      void options.stockFiles.warm();
      if (access.open) server.log.warn("No TASKLANE_TOKENS set: the service is open to every caller on this machine");
      return url;
    },
    /** Stops taking submits, lets running tasks finish for the grace period, then closes. */
    async stop(): Promise<void> {
      retention.stop();
      await tasks.close({ graceMs: options.graceMs ?? DEFAULT_GRACE_MS });
      if (started) await closeWithin(server, CLOSE_DEADLINE_MS);
      await options.stockFiles.close();
      await options.store.close();
    },
  };
}

export type TasklaneServer = ReturnType<typeof createServer>;
