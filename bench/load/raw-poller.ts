import net from "node:net";

/**
 * Sends one fixed GET over a pool of keep-alive sockets, written and read by hand: node:http's
 * client costs more CPU per request than the server's fast path, so on a 2-core machine it, not the
 * server, would set the limit. Answers must carry a content-length (the fast path's do); anything
 * else fails the request and the socket is replaced.
 */
export class RawPoller {
  readonly #request: Buffer;
  readonly #host: string;
  readonly #port: number;
  readonly #idle: Connection[] = [];
  readonly #waiting: Pending[] = [];
  readonly #all = new Set<Connection>();
  #closed = false;

  constructor(url: string, headers: Record<string, string>, sockets: number) {
    const { hostname, port, pathname, search } = new URL(url);
    this.#host = hostname;
    this.#port = Number(port);
    const lines = [
      `GET ${pathname}${search} HTTP/1.1`,
      `host: ${hostname}:${port}`,
      "connection: keep-alive",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    this.#request = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`);
    for (let i = 0; i < sockets; i++) this.#open();
  }

  /** Resolves with the latency in ms once a 200 arrives; rejects on any other answer or a socket error. */
  poll(): Promise<number> {
    return new Promise((resolve, reject) => {
      const pending = { started: performance.now(), resolve, reject };
      const connection = this.#idle.pop();
      if (connection) connection.send(pending);
      else this.#waiting.push(pending);
    });
  }

  /** Closes every socket and opens no more (without the flag, each close would open a replacement). */
  close(): void {
    this.#closed = true;
    for (const c of this.#all) c.socket.destroy();
  }

  #open(): void {
    const connection = new Connection(net.connect(this.#port, this.#host), this.#request, (c, ok) => this.#released(c, ok));
    this.#all.add(connection);
    this.#released(connection, true);
  }

  #released(connection: Connection, ok: boolean): void {
    if (!ok) {
      this.#all.delete(connection);
      if (!this.#closed) this.#open();
      return;
    }
    const next = this.#waiting.shift();
    if (next) connection.send(next);
    else this.#idle.push(connection);
  }
}

interface Pending {
  started: number;
  resolve(ms: number): void;
  reject(error: Error): void;
}

const HEAD_END = Buffer.from("\r\n\r\n");

class Connection {
  #current: Pending | null = null;
  #buffer: Buffer = Buffer.alloc(0);

  constructor(
    readonly socket: net.Socket,
    private readonly request: Buffer,
    private readonly released: (c: Connection, ok: boolean) => void,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.#read(chunk));
    socket.on("error", () => {});
    socket.once("close", () => {
      this.#fail(new Error("connection closed"));
      this.released(this, false);
    });
  }

  send(pending: Pending): void {
    if (this.socket.destroyed) return pending.reject(new Error("connection closed"));
    this.#current = pending;
    this.socket.write(this.request);
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    const headEnd = this.#buffer.indexOf(HEAD_END);
    if (headEnd === -1 || !this.#current) return;
    const head = this.#buffer.toString("latin1", 0, headEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return this.#fail(new Error("an answer without content-length"));
    const end = headEnd + 4 + Number(length[1]);
    if (this.#buffer.length < end) return;
    const status = head.slice(9, 12);
    const pending = this.#current;
    this.#current = null;
    this.#buffer = this.#buffer.subarray(end);
    if (status === "200") pending.resolve(performance.now() - pending.started);
    else pending.reject(new Error(`status ${status}`));
    this.released(this, true);
  }

  /** Fails the request in flight; the socket's close then has the pool open another. */
  #fail(error: Error): void {
    const pending = this.#current;
    this.#current = null;
    pending?.reject(error);
    this.socket.destroy();
  }
}
