import type { FastifyInstance } from "fastify";
import type { AccessControl } from "../access.ts";
import type { Tasks } from "../tasks/tasks.ts";

/**
 * GET /health — open to all (no token), for load balancers and supervisors: 200 `{ status: "ok" }`,
 * or 503 `{ status: "stopping" }`. How many tasks are queued and running only with a valid token
 * (left out while the task queue cannot be reached).
 */
export function registerHealthRoute(server: FastifyInstance, deps: { access: AccessControl; tasks: Tasks }) {
  server.get("/health", async (request, reply) => {
    const status = deps.tasks.accepting ? "ok" : "stopping";
    reply.code(deps.tasks.accepting ? 200 : 503);
    if (deps.access.callerOf(request.headers.authorization) === null) return reply.send({ status });
    // The counts come from the queue's engine on the distributed backend: while it is away, the node is still up.
    const tasks = await deps.tasks.stats().catch((error: unknown) => request.log.warn({ err: error }, "could not count tasks for /health"));
    return reply.send(tasks ? { status, tasks } : { status });
  });
}
