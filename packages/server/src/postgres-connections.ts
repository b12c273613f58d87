import pg from "pg";

/**
 * Errors a PostgreSQL connection failed with, as opposed to errors of a statement. pg raises
 * many of them as plain Errors ("Connection terminated unexpectedly", a refused or FATAL
 * connect), so they are recorded where they happen, on the connection, instead of being
 * recognised later by their text.
 */
const connectionFailures = new WeakSet<object>();

/** Whether `error` is one a PostgreSQL connection of a WatchedClient failed with. */
export const isConnectionFailure = (error: object): boolean => connectionFailures.has(error);

function record(error: unknown): void {
  if (typeof error === "object" && error !== null) connectionFailures.add(error);
}

type ConnectCallback = Parameters<pg.Client["connect"]>[0] & {};

/** Clients whose connection failed: whatever their statements reject with from then on is that failure. */
const lostClients = new WeakSet<pg.Client>();

/**
 * pg's Client for the pool the API answers from (createPostgresPool's `Client`): a connect that
 * fails, whatever ends an open connection (pg emits it as the client's `error`, before the
 * statements it breaks see it) and every later statement's error on that client ("not
 * queryable") are recorded as connection failures.
 */
export class WatchedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("error", (error) => {
      lostClients.add(this);
      record(error);
    });
  }

  override connect(): Promise<pg.Client>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.Client> | void {
    if (!callback) {
      return super.connect().catch((error: unknown) => {
        record(error);
        throw error;
      });
    }
    const told = callback as (err: Error | null, client?: pg.Client) => void;
    super.connect(((err: Error | null, client?: pg.Client) => {
      if (err) record(err);
      told(err, client);
    }) as ConnectCallback);
  }
}

// pg's query() has a dozen overloads (callbacks, cursors, streams); this passes each through as it is
// and only looks at a promise's rejection.
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with apply(), on the client it belongs to
const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
WatchedClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const result = query.apply(this, args);
  if (!(result instanceof Promise)) return result;
  return result.catch((error: unknown) => {
    if (lostClients.has(this)) record(error);
    throw error;
  });
} as pg.Client["query"];
