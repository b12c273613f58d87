import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import { answerAndClose, seconds } from "./client-error.ts";

/** The slowest a body may arrive on average; a 56k modem sends seven times as much. */
export const MIN_BODY_BYTES_PER_SECOND = 1024;

interface Watched {
  request: IncomingMessage;
  since: number;
  bytesAtStart: number;
}

/**
 * Node's requestTimeout bounds a request's whole time, so it must leave room for a large upload,
 * and the idle timeout starts over with every byte: a body sent a byte every 15 s passes both for
 * minutes, holding a connection. So, as Apache's mod_reqtimeout does, a body gets `graceMs` and
 * then must keep up MIN_BODY_BYTES_PER_SECOND on average, or it is answered 408 and its
 * connection closed. The service's own pauses (a slow upload store holds the reading back)
 * count as well, but a body that came at any real speed has earned far more time than they take.
 */
export function enforceBodyRate(server: FastifyInstance, graceMs: number) {
  const text = `The body arrived slower than ${MIN_BODY_BYTES_PER_SECOND} bytes a second after its first ${seconds(graceMs)}`;
  const watched = new Set<Watched>();

  function check() {
    const now = performance.now();
    for (const entry of watched) {
      const { socket, complete } = entry.request;
      if (complete || socket.destroyed) {
        watched.delete(entry);
        continue;
      }
      const received = socket.bytesRead - entry.bytesAtStart;
      if (now - entry.since > graceMs + (received / MIN_BODY_BYTES_PER_SECOND) * 1000) {
        watched.delete(entry);
        answerAndClose(socket, "TIMEOUT", text);
      }
    }
  }
  // A fraction of the grace keeps each cut close to its time; the set holds only bodies on their way.
  const timer = setInterval(check, Math.max(50, Math.min(1_000, Math.floor(graceMs / 4)))).unref();
  server.addHook("onClose", (_instance, done) => {
    clearInterval(timer);
    done();
  });
  server.addHook("onRequest", (request, _reply, done) => {
    const { headers, raw } = request;
    const hasBody =
      (headers["content-length"] !== undefined && headers["content-length"] !== "0") || headers["transfer-encoding"] !== undefined;
    if (hasBody && !raw.complete) watched.add({ request: raw, since: performance.now(), bytesAtStart: raw.socket.bytesRead });
    done();
  });
}
