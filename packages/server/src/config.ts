import path from "node:path";
import { TASK_TYPES, type TaskType } from "@tasklane/contract";
import { z } from "zod";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_DATA_DIR,
  DEFAULT_GRACE_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_LOG_LEVEL,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_QUEUED_PER_CALLER,
  DEFAULT_MAX_ROWS_PER_FILE,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_MAX_UPLOAD_BYTES_PER_CALLER,
  DEFAULT_PORT,
  DEFAULT_PREVIEW_TIMEOUT_MS,
  DEFAULT_PREVIEWS_AT_ONCE,
  DEFAULT_QUEUE_NAME,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETENTION_MS,
  DEFAULT_STALLED_MS,
  DEFAULT_TASK_HEAP_MB,
  DEFAULT_TIMEOUTS_MS,
  HOUR_MS,
} from "./defaults.ts";

/** A setting that stops the start; its message is the one line a person reads. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const list = z.string().transform((s) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean),
);

/** Shorter is guessable; a token is meant to be generated, as with `openssl rand -hex 24`. */
export const MIN_TOKEN_LENGTH = 16;

// The messages name entries and callers, never a token: this line goes to the log.
const tokens = list.transform((pairs, ctx) => {
  const map = new Map<string, string>();
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  for (const [i, pair] of pairs.entries()) {
    const [caller, token, ...rest] = pair.split(":");
    if (!caller || !token || rest.length > 0) return fail(`entry ${i + 1} of ${pairs.length} must be caller:token`);
    if (token.length < MIN_TOKEN_LENGTH) return fail(`the token of '${caller}' is shorter than ${MIN_TOKEN_LENGTH} characters`);
    const holder = map.get(token);
    if (holder !== undefined) return fail(`'${holder}' and '${caller}' have the same token; each entry needs its own`);
    map.set(token, caller);
  }
  return map;
});

/** Variables whose value a start error must not repeat. */
const SECRET = new Set(["TASKLANE_TOKENS"]);

/** The environment says seconds where the library says milliseconds. */
const seconds = (ms: number) => ms / 1000;
const DEFAULT_TIMEOUT_SECONDS = Object.fromEntries(Object.entries(DEFAULT_TIMEOUTS_MS).map(([type, ms]) => [type, seconds(ms)])) as Record<
  TaskType,
  number
>;

const timeouts = list.transform((pairs, ctx) => {
  const given = { ...DEFAULT_TIMEOUT_SECONDS };
  for (const pair of pairs) {
    const [type, value] = pair.split(":");
    const n = Number(value);
    if (!TASK_TYPES.includes(type as TaskType) || !Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: "custom", message: `each entry must be type:seconds with a type of ${TASK_TYPES.join(", ")}, got '${pair}'` });
      return z.NEVER;
    }
    given[type as TaskType] = n;
  }
  return given;
});

const origins = list.pipe(z.array(z.url({ error: "each origin must be a URL such as http://localhost:5173" })));

/** Each variable, its default and its rule; README.md lists the same. */
const EnvSchema = z.object({
  HOST: z.string().min(1).default(DEFAULT_HOST),
  TASKLANE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default(DEFAULT_LOG_LEVEL),
  PORT: whole(0, 65535).default(DEFAULT_PORT),
  TASKLANE_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  TASKLANE_TOKENS: tokens.default(new Map()),
  TASKLANE_CORS_ORIGINS: origins.default([]),
  TASKLANE_CONCURRENCY: whole(1, 64).default(DEFAULT_CONCURRENCY),
  TASKLANE_MAX_UPLOAD_BYTES: whole(1, 10 * 1024 ** 3).default(DEFAULT_MAX_UPLOAD_BYTES),
  TASKLANE_SHUTDOWN_GRACE_SECONDS: whole(0, 3600).default(seconds(DEFAULT_GRACE_MS)),
  TASKLANE_RETENTION_HOURS: whole(1, 24 * 365).default(DEFAULT_RETENTION_MS / HOUR_MS),
  TASKLANE_MAX_ROWS_PER_FILE: whole(1, 100_000_000).default(DEFAULT_MAX_ROWS_PER_FILE),
  TASKLANE_TASK_TIMEOUTS: timeouts.default(DEFAULT_TIMEOUT_SECONDS),
  TASKLANE_BACKEND: z.enum(["embedded", "distributed"], { error: "must be embedded or distributed" }).default("embedded"),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  TASKLANE_QUEUE: z
    .string()
    .regex(/^[\w-]{1,64}$/, "must be 1 to 64 letters, digits, - or _")
    .default(DEFAULT_QUEUE_NAME),
  TASKLANE_STALLED_SECONDS: whole(1, 3600).default(seconds(DEFAULT_STALLED_MS)),
  TASKLANE_REQUEST_TIMEOUT_SECONDS: whole(1, 86_400).default(seconds(DEFAULT_REQUEST_TIMEOUT_MS)),
  TASKLANE_HEADERS_TIMEOUT_SECONDS: whole(1, 3600).default(seconds(DEFAULT_HEADERS_TIMEOUT_MS)),
  TASKLANE_IDLE_TIMEOUT_SECONDS: whole(1, 3600).default(seconds(DEFAULT_IDLE_TIMEOUT_MS)),
  TASKLANE_MAX_CONNECTIONS: whole(1, 1_000_000).default(DEFAULT_MAX_CONNECTIONS),
  TASKLANE_TASK_MEMORY_MB: whole(64, 64 * 1024).default(DEFAULT_TASK_HEAP_MB),
  TASKLANE_MAX_QUEUED_PER_CALLER: whole(1, 1_000_000).default(DEFAULT_MAX_QUEUED_PER_CALLER),
  TASKLANE_MAX_UPLOAD_BYTES_PER_CALLER: whole(1, 1024 ** 4).default(DEFAULT_MAX_UPLOAD_BYTES_PER_CALLER),
  TASKLANE_PREVIEWS_AT_ONCE: whole(1, 64).default(DEFAULT_PREVIEWS_AT_ONCE),
  TASKLANE_PREVIEW_TIMEOUT_SECONDS: whole(1, 600).default(seconds(DEFAULT_PREVIEW_TIMEOUT_MS)),
});

export interface Config {
  host: string;
  logger: { level: string };
  port: number;
  dataDir: string;
  tokens: ReadonlyMap<string, string>;
  corsOrigins: string[];
  concurrency: number;
  maxUploadBytes: number;
  graceMs: number;
  retentionMs: number;
  maxRowsPerFile: number;
  timeoutsMs: Record<TaskType, number>;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  maxConnections: number;
  /** The heap one task thread may use, MB. */
  heapMb: number;
  maxQueuedPerCaller: number;
  maxUploadBytesPerCaller: number;
  /** Previews of uploaded files made at once per process, each in a thread of its own. */
  previewsAtOnce: number;
  previewTimeoutMs: number;
  /** Embedded: one process over SQLite. Distributed: API nodes and workers over Redis and PostgreSQL. */
  backend: { kind: "embedded" } | { kind: "distributed"; redisUrl: string; databaseUrl: string; queueName: string; stalledMs: number };
}

/** Reads the environment; throws ConfigError naming the first wrong variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`${SECRET.has(name) ? name : `${name}=${JSON.stringify(env[name])}`}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.TASKLANE_TOKENS.size === 0 && !LOOPBACK.has(e.HOST)) {
    throw new ConfigError(`HOST=${e.HOST}: without TASKLANE_TOKENS the service is open, so it listens on 127.0.0.1 only`);
  }
  if (e.TASKLANE_HEADERS_TIMEOUT_SECONDS > e.TASKLANE_REQUEST_TIMEOUT_SECONDS) {
    throw new ConfigError(
      `TASKLANE_HEADERS_TIMEOUT_SECONDS=${e.TASKLANE_HEADERS_TIMEOUT_SECONDS}: must be at most TASKLANE_REQUEST_TIMEOUT_SECONDS (${e.TASKLANE_REQUEST_TIMEOUT_SECONDS}), which includes the headers`,
    );
  }
  if (e.TASKLANE_BACKEND === "distributed") {
    for (const name of ["REDIS_URL", "DATABASE_URL"] as const) {
      if (!e[name]) throw new ConfigError(`${name} is not set: TASKLANE_BACKEND=distributed needs it`);
    }
  }
  return {
    backend:
      e.TASKLANE_BACKEND === "distributed"
        ? {
            kind: "distributed",
            redisUrl: e.REDIS_URL!,
            databaseUrl: e.DATABASE_URL!,
            queueName: e.TASKLANE_QUEUE,
            stalledMs: e.TASKLANE_STALLED_SECONDS * 1000,
          }
        : { kind: "embedded" },
    host: e.HOST,
    logger: { level: e.TASKLANE_LOG_LEVEL },
    port: e.PORT,
    // pnpm runs `pnpm start` inside apps/api; INIT_CWD is where the person typed it.
    dataDir: path.resolve(env.INIT_CWD ?? ".", e.TASKLANE_DATA_DIR),
    tokens: e.TASKLANE_TOKENS,
    corsOrigins: e.TASKLANE_CORS_ORIGINS,
    concurrency: e.TASKLANE_CONCURRENCY,
    maxUploadBytes: e.TASKLANE_MAX_UPLOAD_BYTES,
    graceMs: e.TASKLANE_SHUTDOWN_GRACE_SECONDS * 1000,
    retentionMs: e.TASKLANE_RETENTION_HOURS * HOUR_MS,
    maxRowsPerFile: e.TASKLANE_MAX_ROWS_PER_FILE,
    timeoutsMs: Object.fromEntries(Object.entries(e.TASKLANE_TASK_TIMEOUTS).map(([type, seconds]) => [type, seconds * 1000])) as Record<
      TaskType,
      number
    >,
    requestTimeoutMs: e.TASKLANE_REQUEST_TIMEOUT_SECONDS * 1000,
    headersTimeoutMs: e.TASKLANE_HEADERS_TIMEOUT_SECONDS * 1000,
    idleTimeoutMs: e.TASKLANE_IDLE_TIMEOUT_SECONDS * 1000,
    maxConnections: e.TASKLANE_MAX_CONNECTIONS,
    heapMb: e.TASKLANE_TASK_MEMORY_MB,
    maxQueuedPerCaller: e.TASKLANE_MAX_QUEUED_PER_CALLER,
    maxUploadBytesPerCaller: e.TASKLANE_MAX_UPLOAD_BYTES_PER_CALLER,
    previewsAtOnce: e.TASKLANE_PREVIEWS_AT_ONCE,
    previewTimeoutMs: e.TASKLANE_PREVIEW_TIMEOUT_SECONDS * 1000,
  };
}
