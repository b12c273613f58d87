/**
 * The poll benchmark's yardstick: a plain Fastify 5 route answering the same task as JSON, with
 * nothing else (no auth, no validation, no store read). TASK_JSON is the task as GET /api/tasks/:id
 * gave it; its dates are revived so the answer is serialized from the same kind of object.
 */
import Fastify from "fastify";

const task: unknown = JSON.parse(process.env.TASK_JSON!, (key, value: unknown) =>
  key.endsWith("At") && typeof value === "string" ? new Date(value) : value,
);
const server = Fastify({ logger: false, routerOptions: { maxParamLength: 5000 } });
// The same path shape as the tRPC URL, so routing and the query string cost the same.
server.get("/trpc/:path", async () => task);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
console.log(`listening at ${await server.listen({ host: "127.0.0.1", port: 0 })}`);
