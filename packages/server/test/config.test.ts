import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("loadConfig", () => {
  it("has a default for everything", () => {
    expect(loadConfig({})).toEqual({
      host: "127.0.0.1",
      logger: { level: "info" },
      port: 3000,
      dataDir: path.resolve("./data"),
      tokens: new Map(),
      corsOrigins: [],
      concurrency: 2,
      maxUploadBytes: 200 * 1024 * 1024,
      graceMs: 30_000,
      retentionMs: 24 * 3_600_000,
      maxRowsPerFile: 1_000_000,
      timeoutsMs: { recalculate: 600_000, stockImport: 1_800_000, pricelistCreate: 600_000 },
      requestTimeoutMs: 600_000,
      headersTimeoutMs: 30_000,
      idleTimeoutMs: 30_000,
      maxConnections: 10_000,
      heapMb: 1024,
      maxQueuedPerCaller: 1_000,
      maxUploadBytesPerCaller: 2 * 1024 ** 3,
      previewsAtOnce: 2,
      previewTimeoutMs: 15_000,
      backend: { kind: "embedded" },
    });
  });

  it("reads the distributed backend's engines", () => {
    const config = loadConfig({
      TASKLANE_BACKEND: "distributed",
      REDIS_URL: "redis://10.0.0.5:6379",
      DATABASE_URL: "postgres://tasklane:secret@10.0.0.6/tasklane",
      TASKLANE_STALLED_SECONDS: "5",
    });
    expect(config.backend).toEqual({
      kind: "distributed",
      redisUrl: "redis://10.0.0.5:6379",
      databaseUrl: "postgres://tasklane:secret@10.0.0.6/tasklane",
      queueName: "tasklane",
      stalledMs: 5_000,
    });
  });

  it("reads tokens as caller:token pairs and origins as a list", () => {
    const config = loadConfig({
      TASKLANE_TOKENS: "web:abc123abc123abc1, scripts:def456def456def4",
      TASKLANE_CORS_ORIGINS: "http://localhost:5173,https://pricing.example.com",
      HOST: "0.0.0.0",
      PORT: "8080",
      TASKLANE_CONCURRENCY: "4",
    });
    expect(config.tokens).toEqual(
      new Map([
        ["abc123abc123abc1", "web"],
        ["def456def456def4", "scripts"],
      ]),
    );
    expect(config.corsOrigins).toEqual(["http://localhost:5173", "https://pricing.example.com"]);
    expect(config).toMatchObject({ host: "0.0.0.0", port: 8080, concurrency: 4 });
  });

  it("reads the HTTP limits in seconds", () => {
    const config = loadConfig({
      TASKLANE_REQUEST_TIMEOUT_SECONDS: "120",
      TASKLANE_HEADERS_TIMEOUT_SECONDS: "10",
      TASKLANE_IDLE_TIMEOUT_SECONDS: "5",
      TASKLANE_MAX_CONNECTIONS: "500",
    });
    expect(config).toMatchObject({ requestTimeoutMs: 120_000, headersTimeoutMs: 10_000, idleTimeoutMs: 5_000, maxConnections: 500 });
  });

  it("reads the per-task heap and the per-caller bounds", () => {
    const config = loadConfig({
      TASKLANE_TASK_MEMORY_MB: "256",
      TASKLANE_MAX_QUEUED_PER_CALLER: "50",
      TASKLANE_MAX_UPLOAD_BYTES_PER_CALLER: "1000000",
    });
    expect(config).toMatchObject({ heapMb: 256, maxQueuedPerCaller: 50, maxUploadBytesPerCaller: 1_000_000 });
  });

  it("lets one caller have two tokens (rotation)", () => {
    const config = loadConfig({ TASKLANE_TOKENS: "web:old-token-0123456789,web:new-token-0123456789" });
    expect([...config.tokens.values()]).toEqual(["web", "web"]);
  });

  it("never repeats a token in a start error", () => {
    for (const value of ["web:s3cr3t", "web:same-token-0123456789,cli:same-token-0123456789", "web:x:y-0123456789abcdef"]) {
      expect(() => loadConfig({ TASKLANE_TOKENS: value })).toThrow(ConfigError);
      try {
        loadConfig({ TASKLANE_TOKENS: value });
      } catch (error) {
        expect((error as Error).message).not.toMatch(/s3cr3t|same-token|0123456789/);
      }
    }
  });

  it("resolves a relative data folder from where `pnpm start` was typed", () => {
    expect(loadConfig({ INIT_CWD: "/srv/pricing" }).dataDir).toBe("/srv/pricing/data");
    expect(loadConfig({ INIT_CWD: "/srv/pricing", TASKLANE_DATA_DIR: "/var/lib/tasklane" }).dataDir).toBe("/var/lib/tasklane");
  });

  it("reads per-type timeouts, keeping the defaults of types not named", () => {
    expect(loadConfig({ TASKLANE_TASK_TIMEOUTS: "stockImport:60" }).timeoutsMs).toEqual({
      recalculate: 600_000,
      stockImport: 60_000,
      pricelistCreate: 600_000,
    });
  });

  it.each([
    [{ PORT: "eighty" }, /^PORT="eighty": must be a whole number/],
    [{ PORT: "70000" }, /^PORT="70000": must be at most 65535/],
    [{ TASKLANE_CONCURRENCY: "0" }, /^TASKLANE_CONCURRENCY="0": must be at least 1/],
    [{ TASKLANE_CONCURRENCY: "1.5" }, /^TASKLANE_CONCURRENCY="1.5": must be a whole number/],
    [{ TASKLANE_TOKENS: "justatoken" }, /^TASKLANE_TOKENS: entry 1 of 1 must be caller:token$/],
    [{ TASKLANE_TOKENS: "web:abc123abc123abc1,cli:tooshort" }, /^TASKLANE_TOKENS: the token of 'cli' is shorter than 16 characters$/],
    [
      { TASKLANE_TOKENS: "web:abc123abc123abc1,cli:abc123abc123abc1" },
      /^TASKLANE_TOKENS: 'web' and 'cli' have the same token; each entry needs its own$/,
    ],
    [{ TASKLANE_TOKENS: "web:abc123abc123abc1,web:abc123abc123abc1" }, /^TASKLANE_TOKENS: 'web' and 'web' have the same token/],
    [{ TASKLANE_REQUEST_TIMEOUT_SECONDS: "0" }, /^TASKLANE_REQUEST_TIMEOUT_SECONDS="0": must be at least 1/],
    [{ TASKLANE_MAX_CONNECTIONS: "many" }, /^TASKLANE_MAX_CONNECTIONS="many": must be a whole number/],
    [{ TASKLANE_TASK_MEMORY_MB: "16" }, /^TASKLANE_TASK_MEMORY_MB="16": must be at least 64/],
    [{ TASKLANE_MAX_QUEUED_PER_CALLER: "0" }, /^TASKLANE_MAX_QUEUED_PER_CALLER="0": must be at least 1/],
    [
      { TASKLANE_REQUEST_TIMEOUT_SECONDS: "20", TASKLANE_HEADERS_TIMEOUT_SECONDS: "30" },
      /^TASKLANE_HEADERS_TIMEOUT_SECONDS=30: must be at most TASKLANE_REQUEST_TIMEOUT_SECONDS \(20\)/,
    ],
    [{ TASKLANE_CORS_ORIGINS: "not a url" }, /^TASKLANE_CORS_ORIGINS="not a url": each origin must be a URL/],
    [{ TASKLANE_TASK_TIMEOUTS: "import:60" }, /^TASKLANE_TASK_TIMEOUTS="import:60": each entry must be type:seconds/],
    [{ TASKLANE_RETENTION_HOURS: "0" }, /^TASKLANE_RETENTION_HOURS="0": must be at least 1/],
    [{ HOST: "0.0.0.0" }, /without TASKLANE_TOKENS the service is open, so it listens on 127.0.0.1 only/],
    [{ TASKLANE_BACKEND: "cluster" }, /^TASKLANE_BACKEND="cluster": must be embedded or distributed/],
    [{ TASKLANE_BACKEND: "distributed", DATABASE_URL: "postgres://h/db" }, /^REDIS_URL is not set: TASKLANE_BACKEND=distributed needs it/],
    [{ TASKLANE_BACKEND: "distributed", REDIS_URL: "redis://h" }, /^DATABASE_URL is not set/],
    [{ REDIS_URL: "http://h:6379" }, /^REDIS_URL="http:\/\/h:6379": must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ DATABASE_URL: "mysql://h/db" }, /^DATABASE_URL="mysql:\/\/h\/db": must be a postgres:\/\/ URL/],
    [{ TASKLANE_QUEUE: "a b" }, /^TASKLANE_QUEUE="a b": must be 1 to 64 letters/],
  ])("stops on %j with a one-line reason", (env, reason) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(reason);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain("\n");
    }
  });
});
