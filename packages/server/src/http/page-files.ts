import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** A year: for a name that can never hold other content, the longest browsers honour. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the built web page from `root`. The build names everything under assets/ by its
 * content's hash (Vite), so browsers keep those files without asking again; index.html, which
 * names the current ones, is revalidated on every load, so that a release reaches the next page
 * load. Browsers that accept Brotli or gzip get the build's own .br or .gz copy (apps/web
 * precompress.ts), without compressing anything per request.
 */
export function servePageFiles(server: FastifyInstance, root: string): void {
  void server.register(fastifyStatic, {
    root,
    prefix: "/",
    preCompressed: true,
    setHeaders(reply, file) {
      const hashed = path.relative(root, file).startsWith(`assets${path.sep}`);
      reply.header("cache-control", hashed ? IMMUTABLE : "no-cache");
    },
  });
}
