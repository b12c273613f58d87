import { createTasklaneClient } from "@tasklane/client";
import type { AppRouter } from "@tasklane/server";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";

/** One HTTP request as a client sent it: what the load generator repeats. */
export interface CapturedRequest {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that records the request and answers it for real. */
function recording(into: CapturedRequest[]): typeof fetch {
  return async (input, init) => {
    into.push({ url: input instanceof Request ? input.url : String(input), headers: Object.fromEntries(new Headers(init?.headers)) });
    return fetch(input, init);
  };
}

/**
 * The exact requests a poll sends, taken from the clients themselves rather than rebuilt by hand:
 * `batched` from @tasklane/client's getTask (httpBatchLink, batch of one), `single` from the official
 * @trpc/client through httpLink.
 */
export async function captureTaskGet(
  url: string,
  token: string,
  id: string,
): Promise<{ batched: CapturedRequest; single: CapturedRequest }> {
  const sent: CapturedRequest[] = [];
  await createTasklaneClient({ url, token, fetch: recording(sent) }).getTask(id);
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${url}/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` }, fetch: recording(sent) }),
    ],
  });
  await trpc.tasks.get.query({ id });
  if (sent.length !== 2) throw new Error(`expected 2 requests from the clients, saw ${sent.length}`);
  return { batched: sent[0]!, single: sent[1]! };
}
