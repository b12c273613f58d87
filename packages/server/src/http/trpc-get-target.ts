import type { FastifyRequest } from "fastify";

/** A GET that tRPC would read as `calls` calls of one procedure, with their JSON inputs. */
export interface TrpcGetTarget {
  batch: boolean;
  calls: number;
  /** The parsed `input` parameter: the one input, or for a batch an object keyed "0", "1", ... */
  inputs: unknown;
}

let lastGoodHost: string | undefined;

/** tRPC builds `new URL(req.url, "http://" + host)` and answers BAD_REQUEST when that throws. */
function hostParses(host: string | undefined): boolean {
  if (host === lastGoodHost || host === undefined) return true;
  if (!URL.canParse(`http://${host}`)) return false;
  lastGoodHost = host;
  return true;
}

const isObject = (value: unknown) => !!value && typeof value === "object" && !Array.isArray(value);

/** Whether tRPC reads a GET with these headers as trpcGetTarget does: its JSON handler, no streaming, a host its URL parser takes. */
export function readsAsJsonGet(headers: FastifyRequest["headers"]): boolean {
  return (
    headers["content-type"] === undefined &&
    headers["trpc-accept"] === undefined &&
    !headers.accept?.includes("jsonl") &&
    hostParses(headers.host)
  );
}

/**
 * The calls in a GET of `procedure` (`/trpc/tasks.get?input=...`, or `/trpc/tasks.get,tasks.get?batch=1&input=...`
 * as httpBatchLink sends it), read the way tRPC's jsonContentTypeHandler reads them (resolveResponse in
 * @trpc/server 11). Undefined for anything tRPC might read otherwise or answer with an error: an encoded
 * path, connectionParams, no or unparsable input; the headers are readsAsJsonGet's to check. The same URL
 * always gives the same target. `pathAt` is where the procedure path starts in the URL.
 */
export function trpcGetTarget(url: string, pathAt: number, procedure: string): TrpcGetTarget | undefined {
  const q = url.indexOf("?");
  // tRPC's URL parser ends the query at "#"; URLSearchParams would not.
  if (q === -1 || url.includes("#", q)) return undefined;
  const query = queryOf(url.slice(q + 1));
  if (!query) return undefined;
  const { batch, input } = query;
  const calls = callCount(url.slice(pathAt, q), procedure, batch);
  if (calls === 0 || !input) return undefined;
  let inputs: unknown;
  try {
    inputs = JSON.parse(input);
  } catch {
    return undefined;
  }
  return batch && !isObject(inputs) ? undefined : { batch, calls, inputs };
}

/** The query the clients send, `input=...` or `batch=1&input=...`, read without URLSearchParams' cost. */
const CLIENT_QUERY = /^(batch=1&)?input=([^&+]*)$/;

/** `batch` and `input` as tRPC reads them with URLSearchParams; undefined when tRPC would also read connectionParams. */
function queryOf(query: string): { batch: boolean; input: string | null } | undefined {
  const match = CLIENT_QUERY.exec(query);
  if (match) {
    try {
      // Without "&" and "+", URLSearchParams gives the same, except where a "%" escape is invalid: it throws here.
      return { batch: match[1] !== undefined, input: decodeURIComponent(match[2]!) };
    } catch {
      // An invalid escape: read below as tRPC reads it.
    }
  }
  const params = new URLSearchParams(query);
  return params.has("connectionParams") ? undefined : { batch: params.get("batch") === "1", input: params.get("input") };
}

/** How many calls of `procedure` the path holds; 0 when it names anything else. */
function callCount(path: string, procedure: string, batch: boolean): number {
  if (path === procedure) return 1;
  if (!batch) return 0;
  const paths = path.split(",");
  return paths.every((p) => p === procedure) ? paths.length : 0;
}
