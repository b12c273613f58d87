import net from "node:net";

export interface RawResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/**
 * A connection to the service written by hand, for what fetch cannot do: send a request a byte
 * at a time, hold a connection open, see a connection closed without an answer. Bytes are read
 * as latin1, so a string's length is its length in bytes.
 */
export class RawConnection {
  #received = "";
  #wake: (() => void) | undefined;
  #open = true;
  /** Resolves with everything received once the server (or the network) closed the connection. */
  readonly closed: Promise<string>;

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      this.#received += chunk;
      this.#wake?.();
    });
    // A reset is a way of being closed; the test looks at what was received.
    socket.on("error", () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.#open = false;
        this.#wake?.();
        resolve(this.#received);
      }),
    );
  }

  static async open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    return new RawConnection(socket);
  }

  write(text: string): void {
    if (this.#open && this.socket.writable) this.socket.write(text, "latin1");
  }

  /** Sends a whole request and resolves with its response; rejects if the connection closes first. */
  async exchange(request: string): Promise<RawResponse> {
    const from = this.#received.length;
    this.write(request);
    for (;;) {
      const response = parseResponse(this.#received.slice(from));
      if (response) return response;
      if (!this.#open) throw new Error(`the connection closed before a whole response: ${JSON.stringify(this.#received.slice(from))}`);
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** The first whole response in `text` (Content-Length or chunked), or undefined while it is incomplete. */
export function parseResponse(text: string): RawResponse | undefined {
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) return undefined;
  const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
  const rest = text.slice(end + 4);
  let body: string;
  if (headers["transfer-encoding"] === "chunked") {
    if (!rest.includes("0\r\n\r\n")) return undefined;
    body = "";
    for (let at = 0; ;) {
      const size = Number.parseInt(rest.slice(at, rest.indexOf("\r\n", at)), 16);
      if (size === 0) break;
      at = rest.indexOf("\r\n", at) + 2;
      body += rest.slice(at, at + size);
      at += size + 2;
    }
  } else {
    const length = Number(headers["content-length"] ?? 0);
    if (rest.length < length) return undefined;
    body = rest.slice(0, length);
  }
  return { status: Number(statusLine!.split(" ")[1]), headers, body };
}

/** A GET as a client on a kept-alive connection sends it. */
export const rawGet = (path: string, headers: Record<string, string> = {}) =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;
