import type { FastifyInstance } from "fastify";
import type { AccessControl } from "../access.ts";
import type { Tasks } from "../tasks/tasks.ts";

/**
 * GET /health — open to all (no token), for load balancers and supervisors: 200 `{ status: "ok" }`,
 * or 503 `{ status: "stopping" }`. How many tasks are queued and running only with a valid token.
 */
export function registerHealthRoute(server: FastifyInstance, deps: { access: AccessControl; tasks: Tasks }) {
  server.get("/health", async (request, reply) => {
    const status = deps.tasks.accepting ? "ok" : "stopping";
    reply.code(deps.tasks.accepting ? 200 : 503);
    if (deps.access.callerOf(request.headers.authorization) === null) return reply.send({ status });
    return reply.send({ status, tasks: deps.tasks.stats() });
  });
}
