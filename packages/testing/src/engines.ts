import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * The engines the distributed backend runs on, for tests: a fresh PostgreSQL database per
 * service (on the server TASKLANE_TEST_DATABASE_URL names, which .ci/run starts) and Redis
 * servers the tests start themselves, so a test can stop one and start it again.
 */
export function testDatabaseUrl(): string {
  const url = process.env.TASKLANE_TEST_DATABASE_URL;
  if (!url) throw new Error("TASKLANE_TEST_DATABASE_URL is not set: run scripts/services.sh and set it (see README)");
  return url;
}

/** Creates an empty database; `drop()` removes it, whoever is still connected. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new URL(testDatabaseUrl());
  const name = `tasklane_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Takes a database away as a restart of PostgreSQL looks to the service: every connection
 * dropped, new ones refused. Resolves with the function that brings it back.
 */
export async function takeDatabaseAway(databaseUrl: string): Promise<() => Promise<void>> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
  return () => admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
}

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

export interface TestRedis {
  url: string;
  /** Kills the server (as a crash would); `start()` brings it back on the same port with its data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A redis-server of the test's own on 127.0.0.1, with an append-only file so a restart keeps the queue. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "tasklane-redis-"));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--appendonly", "yes", "--save", ""], {
      stdio: "ignore",
    });
    for (let i = 0; i < 100; i++) {
      if (await canConnect(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The environment every process of one test deployment shares (docs/deploy.md), stopping at once on SIGTERM. */
export function deploymentEnv(engines: { redisUrl: string; databaseUrl: string }, queue: string): Record<string, string> {
  return {
    TASKLANE_BACKEND: "distributed",
    REDIS_URL: engines.redisUrl,
    DATABASE_URL: engines.databaseUrl,
    TASKLANE_QUEUE: queue,
    TASKLANE_SHUTDOWN_GRACE_SECONDS: "0",
  };
}
