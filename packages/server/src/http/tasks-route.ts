import { TaskIdSchema } from "@tasklane/contract";
import type { FastifyInstance } from "fastify";
import { type AccessControl, UNAUTHORIZED_TEXT } from "../access.ts";
import type { Tasks } from "../tasks/tasks.ts";
import { replyError } from "./json-error.ts";

/** GET /api/tasks/:id — the Task as plain JSON (dates as ISO strings), for callers without the SDK. */
export function registerTaskRoute(server: FastifyInstance, deps: { access: AccessControl; tasks: Tasks }) {
  server.get<{ Params: { id: string } }>("/api/tasks/:id", async (request, reply) => {
    const caller = deps.access.callerOf(request.headers.authorization);
    if (caller === null) return replyError(reply, "UNAUTHORIZED", UNAUTHORIZED_TEXT);
    const id = TaskIdSchema.safeParse(request.params.id);
    if (!id.success) return replyError(reply, "BAD_REQUEST", "id: must be a task id (a UUID)");
    const task = await deps.tasks.get(id.data, caller);
    if (!task) return replyError(reply, "NOT_FOUND", `No task with id ${id.data}`);
    return task;
  });
}
