import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { ERROR_STATUS, type ErrorCode } from "@tasklane/contract";
import type { ConnectionError } from "fastify";
import { errorBody } from "./json-error.ts";

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Answers what Node's HTTP parser refuses before any route sees it: a request slower than the
 * timeouts (Node's ERR_HTTP_REQUEST_TIMEOUT, headers or whole request alike), headers over the
 * size limit, bytes that are not HTTP. In the REST routes' error shape; then the connection closes.
 */
export function clientErrorHandler(limits: { headersTimeoutMs: number; requestTimeoutMs: number }) {
  const timeoutText =
    `The request did not arrive in time: headers must arrive within ${seconds(limits.headersTimeoutMs)} ` +
    `and the whole request within ${seconds(limits.requestTimeoutMs)}`;
  const answers: Record<string, [ErrorCode, string]> = {
    ERR_HTTP_REQUEST_TIMEOUT: ["TIMEOUT", timeoutText],
    HPE_HEADER_OVERFLOW: ["REQUEST_HEADER_FIELDS_TOO_LARGE", "The request headers are larger than the server's limit"],
    HPE_CHUNK_EXTENSIONS_OVERFLOW: ["PAYLOAD_TOO_LARGE", "A chunk's extensions are larger than the server's limit"],
  };
  const notHttp: [ErrorCode, string] = ["BAD_REQUEST", "The request is not valid HTTP/1.1"];

  return (error: ConnectionError, socket: Socket) => {
    // The peer is gone: nothing to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const [code, message] = answers[error.code] ?? notHttp;
    answerAndClose(socket, code, message, error);
  };
}

/** Writes an answer straight to the socket, unless one is already on its way, and closes the connection. */
export function answerAndClose(socket: Socket, code: ErrorCode, message: string, error?: Error): void {
  // As Node's own handler: bytes of an answer already on their way must not be followed by another.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify(errorBody(code, message));
    socket.write(
      `HTTP/1.1 ${ERROR_STATUS[code]} ${STATUS_CODES[ERROR_STATUS[code]]}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
