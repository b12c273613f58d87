import { PROCEDURES, type Task, TaskRefSchema, TaskSchema, isFinalStatus } from "@tasklane/contract";
import type { FastifyPluginCallback, FastifyReply } from "fastify";
import type { AccessControl } from "../access.ts";
import { appRouter } from "../router/index.ts";
import type { FinishedTasks } from "../tasks/finished-tasks.ts";
import type { Tasks } from "../tasks/tasks.ts";
import { readsAsJsonGet, trpcGetTarget } from "./trpc-get-target.ts";

export interface FastTaskGetOptions {
  /** Where fastifyTRPCPlugin is mounted; its route is `${prefix}/:path`. */
  trpcPrefix: string;
  access: AccessControl;
  /** The service's tasks; finished ones' answers come from FinishedTasks, built there by taskGetAnswer. */
  tasks: Tasks & Pick<FinishedTasks, "answerOf">;
  /** The Vary header tRPC's answers carry (vary-origin.ts). */
  vary: string;
}

// The router's own transformer (superjson), so the fast path can never encode differently.
const { transformer } = appRouter._def._config;

/**
 * The JSON tRPC answers to one tasks.get call that found `task`, or undefined where its output
 * validator would refuse the task. Parsed like that validator, so the keys come in the schema's order.
 */
export function taskGetAnswer(task: Task): string | undefined {
  const output = TaskSchema.safeParse(task);
  if (!output.success) return undefined;
  const data: unknown = transformer.output.serialize(output.data);
  return JSON.stringify({ result: { data } });
}

/** The input as superjson reads it; undefined where it throws (bad meta), which tRPC answers as a bad request. */
function readable(input: unknown): unknown {
  try {
    return transformer.input.deserialize(input);
  } catch {
    return undefined;
  }
}

/** The task ids one tasks.get GET asks for, each valid input as tRPC's input validator reads it. */
interface Calls {
  batch: boolean;
  ids: string[];
}

/**
 * The calls of each tasks.get URL seen, so that a poll repeating its URL (every poll does) is not
 * parsed again: a URL's calls follow from the URL alone (trpcGetTarget, superjson, TaskRefSchema),
 * so this holds no state that could go stale. Only URLs whose every input is valid are kept.
 * Bounded by count and length: past the count it starts again.
 */
class CallsByUrl {
  static readonly MAX = 10_000;
  static readonly MAX_URL_LENGTH = 2_048;
  readonly #byUrl = new Map<string, Calls>();

  get(url: string): Calls | undefined {
    return this.#byUrl.get(url);
  }

  set(url: string, calls: Calls): void {
    if (url.length > CallsByUrl.MAX_URL_LENGTH) return;
    if (this.#byUrl.size >= CallsByUrl.MAX) this.#byUrl.clear();
    this.#byUrl.set(url, calls);
  }
}

/**
 * The last answer built for each task still queued or running, reused while the task has not
 * changed: most polls read a task whose progress moved since the last poll at most once
 * (finished tasks' answers are FinishedTasks', which drops them with the task).
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

  delete(id: string): void {
    const hit = this.#byId.get(id);
    if (hit === undefined) return;
    this.#chars -= hit.json.length;
    this.#byId.delete(id);
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
  const pathAt = trpcPrefix.length + 1;
  const urls = new CallsByUrl();
  const answers = new AnswerCache();

  /** The request's calls, from memory or read as tRPC reads them; undefined where tRPC would answer an error. */
  function callsOf(url: string): Calls | undefined {
    const known = urls.get(url);
    if (known !== undefined) return known;
    const target = trpcGetTarget(url, pathAt, PROCEDURES.get);
    if (!target) return undefined;
    const inputs: unknown[] = target.batch
      ? Array.from({ length: target.calls }, (_, i) => (target.inputs as Record<number, unknown>)[i])
      : [target.inputs];
    const ids: string[] = [];
    for (const input of inputs) {
      if (input === undefined) return undefined;
      const ref = TaskRefSchema.safeParse(readable(input));
      if (!ref.success) return undefined;
      ids.push(ref.data.id);
    }
    const calls = { batch: target.batch, ids };
    urls.set(url, calls);
    return calls;
  }

  /** The whole answer when every call's task is finished and held for the caller: no await, no store. */
  function fromMemory({ batch, ids }: Calls, caller: string): string | undefined {
    if (!batch) return tasks.answerOf(ids[0]!, caller);
    let body = "[";
    for (let i = 0; i < ids.length; i++) {
      const one = tasks.answerOf(ids[i]!, caller);
      if (one === undefined) return undefined;
      body += i === 0 ? one : `,${one}`;
    }
    return `${body}]`;
  }

  /** The JSON of tRPC's answer for one call, or undefined where tRPC would answer an error. */
  async function read(id: string, caller: string): Promise<string | undefined> {
    const task = await tasks.get(id, caller);
    if (!task) return undefined;
    if (isFinalStatus(task.status)) {
      answers.delete(id);
      // Held now (FinishedTasks kept it on this read) unless it is too large or already past retention.
      return tasks.answerOf(id, caller) ?? taskGetAnswer(task);
    }
    const cached = answers.get(task);
    if (cached !== undefined) return cached;
    const json = taskGetAnswer(task);
    return json === undefined ? undefined : answers.set(task, json);
  }

  async function fromTasks({ batch, ids }: Calls, caller: string): Promise<string | undefined> {
    const parts: string[] = [];
    for (const id of ids) {
      const one = await read(id, caller);
      if (one === undefined) return undefined;
      parts.push(one);
    }
    return batch ? `[${parts.join(",")}]` : parts[0];
  }

  server.addHook("onRequest", (request, reply, next) => {
    // Under `${trpcPrefix}/tasks.get` the only route is tRPC's `${trpcPrefix}/:path`; is404 rules out a
    // path it did not match (one over maxParamLength). Cheaper than routeOptions, which builds an object.
    if (request.method !== "GET" || !request.url.startsWith(start) || request.is404 || !readsAsJsonGet(request.headers)) return next();
    const calls = callsOf(request.url);
    if (calls === undefined) return next();
    const caller = access.callerOf(request.headers.authorization);
    if (caller === null) return next();
    // A finished task's poll is answered here and now; not calling next() ends the hooks.
    const body = fromMemory(calls, caller);
    if (body !== undefined) return send(reply, body, vary);
    fromTasks(calls, caller)
      .then(
        (json) => (json === undefined ? next() : send(reply, json, vary)),
        // Whatever broke while reading, tRPC's handler gives the answer it would have given anyway.
        () => next(),
      )
      // Only a throw from send itself lands here: log it rather than leave an unhandled rejection.
      .catch((error: unknown) => request.log.error({ err: error }, "the tasks.get fast path could not send its answer"));
  });
  done();
};

/** Sends the JSON as is: the router's serializer would encode the string again. */
const asIs = (payload: string) => payload;

/**
 * The headers tRPC's resolveResponse sets on a JSON answer. With a serializer of its own, Fastify
 * sends a string as it is and leaves the content-type alone (it would append "; charset=utf-8",
 * which tRPC's has not): cheaper than a Buffer, and one write with the headers, as Fastify's own
 * routes do.
 */
function send(reply: FastifyReply, json: string, vary: string): void {
  void reply.header("content-type", "application/json").header("vary", vary).serializer(asIs).send(json);
}

// Like fastify-plugin: the hook lands on the root, so it also runs for the route that
// fastifyTRPCPlugin (a sibling plugin) adds, after the CORS hook registered before it.
// https://fastify.dev/docs/latest/Reference/Plugins/#handle-the-scope
Object.assign(fastTaskGet, { [Symbol.for("skip-override")]: true });
