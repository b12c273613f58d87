import { once } from "node:events";
import net from "node:net";
import { createPostgresPool } from "@tasklane/pricing";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { WatchedClient } from "../src/postgres-connections.ts";
import { DATABASE_AWAY_TEXT, UnavailableError, unavailable } from "../src/unavailable.ts";

const url = process.env.TASKLANE_TEST_DATABASE_URL;
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

function watchedPool(databaseUrl: string) {
  const pool = createPostgresPool(databaseUrl, { Client: WatchedClient });
  pool.on("error", () => undefined);
  pools.push(pool);
  return pool;
}

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => expect.unreachable("it succeeded"),
    (error: unknown) => error,
  );

it("an error is not an outage for its words: texts that name an engine are other errors", () => {
  for (const message of [
    "Connection is closed.",
    "Redis is down",
    "Connection terminated unexpectedly",
    "connect ECONNREFUSED 127.0.0.1:5432",
  ]) {
    expect(unavailable(new Error(message))).toBeNull();
  }
  const stopping = new UnavailableError("the queue is away");
  expect(unavailable(stopping)).toBe(stopping);
});

it("a refused connection is an outage, by its system error code", async () => {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, "close");
  const error = await failureOf(watchedPool(`postgres://tasklane:tasklane@127.0.0.1:${port}/tasklane`).query("SELECT 1"));
  expect(unavailable(error)).toMatchObject({ message: DATABASE_AWAY_TEXT, reason: "engineUnavailable", cause: error });
});

describe.skipIf(!url)("PostgreSQL (needs TASKLANE_TEST_DATABASE_URL)", () => {
  it("a statement's own error is not an outage", async () => {
    const error = await failureOf(watchedPool(url!).query("SELEC 1"));
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(unavailable(error)).toBeNull();
  });

  it("a connect the server refuses (a database closed to connections, or none) is an outage", async () => {
    const missing = new URL(url!);
    missing.pathname = "/tasklane_no_such_database";
    const error = await failureOf(watchedPool(missing.href).query("SELECT 1"));
    expect(unavailable(error)?.message).toBe(DATABASE_AWAY_TEXT);
  });

  it("a connection the server ends under a held client is an outage, for that client's next statement too", async () => {
    const pool = watchedPool(url!);
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await pool.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
      const error = await failureOf(client.query("SELECT 1"));
      expect(unavailable(error)?.message).toBe(DATABASE_AWAY_TEXT);
    } finally {
      client.release(true);
    }
  });
});
