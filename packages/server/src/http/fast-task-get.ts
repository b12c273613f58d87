import { PROCEDURES, type Task, TaskRefSchema, TaskSchema } from "@tasklane/contract";
import type { FastifyPluginCallback, FastifyRequest } from "fastify";
import type { AccessControl } from "../access.ts";
import { appRouter } from "../router/index.ts";
import type { Tasks } from "../tasks/tasks.ts";
import { trpcGetTarget } from "./trpc-get-target.ts";

export interface FastTaskGetOptions {
  /** Where fastifyTRPCPlugin is mounted; its route is `${prefix}/:path`. */
  trpcPrefix: string;
  access: AccessControl;
  tasks: Tasks;
  /** The Vary header tRPC's answers carry (vary-origin.ts). */
  vary: string;
}

// The router's own transformer (superjson), so the fast path can never encode differently.
const { transformer } = appRouter._def._config;

/**
 * The last answer built for each task, reused while the task has not changed: most polls read
 * a task whose progress moved since the last poll at most once, and a finished task never again.
 * A task's fields change only together with its status, progress or message (result and doneAt
 * with the final status, startedAt with running, "Cancelling" is a message), so those three
 * tell whether the answer is still the task's. Bounded by count and by characters (an import's
 * answer lists up to 100 skipped rows): past either it starts again.
 */
class AnswerCache {
  static readonly MAX = 20_000;
  static readonly MAX_CHARS = 32 * 1024 * 1024;
  readonly #byId = new Map<string, { status: string; progress: number; message: string; json: string }>();
  #chars = 0;

  get(task: Task): string | undefined {
    const hit = this.#byId.get(task.id);
    return hit && hit.status === task.status && hit.progress === task.progress && hit.message === task.message ? hit.json : undefined;
  }

  set(task: Task, json: string): string {
    if (this.#byId.size >= AnswerCache.MAX || this.#chars + json.length > AnswerCache.MAX_CHARS) {
      this.#byId.clear();
      this.#chars = 0;
    }
    this.#chars += json.length - (this.#byId.get(task.id)?.json.length ?? 0);
    this.#byId.set(task.id, { status: task.status, progress: task.progress, message: task.message, json });
    return json;
  }
}

/**
 * Answers GET `${trpcPrefix}/tasks.get` (single and batched) in front of tRPC's Fastify adapter,
 * which spends ~10x the CPU of a plain route on web streams, AbortSignal.any and spreads
 * (docs/benchmarks.md). It answers only when every call in the request succeeds; anything else
 * (bad input, no token, unknown task, an odd header) is left to tRPC's own handler, so every error
 * keeps tRPC's exact shape, status and onError logging. Successes repeat what tRPC does: the
 * router's transformer, the same input and output schemas as router/tasks.ts, the same access.
 */
export const fastTaskGet: FastifyPluginCallback<FastTaskGetOptions> = (server, { trpcPrefix, access, tasks, vary }, done) => {
  const start = `${trpcPrefix}/${PROCEDURES.get}`;

  const answers = new AnswerCache();

  /** The JSON of tRPC's answer for one call, or undefined where tRPC would answer an error. */
  async function read(rawInput: unknown, caller: string): Promise<string | undefined> {
    const ref = TaskRefSchema.safeParse(transformer.input.deserialize(rawInput));
    if (!ref.success) return undefined;
    const task = await tasks.get(ref.data.id, caller);
    if (!task) return undefined;
    const cached = answers.get(task);
    if (cached !== undefined) return cached;
    // Parsed like tRPC's output validator, so the keys come in the schema's order.
    const output = TaskSchema.safeParse(task);
    if (!output.success) return undefined;
    const data: unknown = transformer.output.serialize(output.data);
    return answers.set(task, JSON.stringify({ result: { data } }));
  }

  async function answer(request: FastifyRequest): Promise<string | undefined> {
    const target = trpcGetTarget(request, trpcPrefix.length + 1, PROCEDURES.get);
    if (!target) return undefined;
    const caller = access.callerOf(request.headers.authorization);
    if (caller === null) return undefined;
    if (!target.batch) return read(target.inputs, caller);
    const inputs = target.inputs as Record<number, unknown>;
    const parts: string[] = [];
    for (let i = 0; i < target.calls; i++) {
      const one = inputs[i] === undefined ? undefined : await read(inputs[i], caller);
      if (one === undefined) return undefined;
      parts.push(one);
    }
    return `[${parts.join(",")}]`;
  }

  server.addHook("onRequest", (request, reply, next) => {
    // Under `${trpcPrefix}/tasks.get` the only route is tRPC's `${trpcPrefix}/:path`; is404 rules out a
    // path it did not match (one over maxParamLength). Cheaper than routeOptions, which builds an object.
    if (request.method !== "GET" || !request.url.startsWith(start) || request.is404) return next();
    answer(request)
      .then(
        (body) => {
          if (body === undefined) return next();
          // The headers tRPC's resolveResponse sets on a JSON answer. A Buffer, because Fastify would
          // append "; charset=utf-8" to a string's content-type and tRPC's has none.
          void reply.header("content-type", "application/json").header("vary", vary).send(Buffer.from(body));
        },
        // Whatever broke while reading, tRPC's handler gives the answer it would have given anyway.
        () => next(),
      )
      // Only a throw from send itself lands here: log it rather than leave an unhandled rejection.
      .catch((error: unknown) => request.log.error({ err: error }, "the tasks.get fast path could not send its answer"));
  });
  done();
};

// Like fastify-plugin: the hook lands on the root, so it also runs for the route that
// fastifyTRPCPlugin (a sibling plugin) adds, after the CORS hook registered before it.
// https://fastify.dev/docs/latest/Reference/Plugins/#handle-the-scope
Object.assign(fastTaskGet, { [Symbol.for("skip-override")]: true });
