import type { FastifyInstance } from "fastify";
import type { Tasks } from "../tasks/tasks.ts";

/** GET /health — open to all (no token), for load balancers and supervisors. */
export function registerHealthRoute(server: FastifyInstance, deps: { tasks: Tasks }) {
  server.get("/health", async (_request, reply) => {
    const status = deps.tasks.accepting ? "ok" : "stopping";
    return reply.code(deps.tasks.accepting ? 200 : 503).send({ status, tasks: deps.tasks.stats() });
  });
}
