import { type TasklaneClient, createTasklaneClient } from "@tasklane/client";
import { currentToken } from "./access-token.ts";

let made: { token: string; client: TasklaneClient } | undefined;

/**
 * The page's one client: the SDK, made again only when the kept token changes. Asked for at
 * request time, so a saved token applies from the next request on; and one instance per token,
 * so the reads of one render share its batch (one HTTP request per tick). The page is served by
 * the API itself (or by Vite's proxy in dev), so the service is this origin.
 */
export function tasklane(): TasklaneClient {
  const token = currentToken();
  if (made?.token !== token) {
    made = { token, client: createTasklaneClient({ url: window.location.origin, token: token || undefined }) };
  }
  return made.client;
}

/**
 * Whether the SDK can send this token at all (a header carries visible characters only, and the
 * service reads one word): the SDK's own check, so the rule is written once. A token it refuses
 * would otherwise fail every request with a TypeError instead of asking the person again.
 */
export function sendableToken(token: string): boolean {
  try {
    createTasklaneClient({ url: window.location.origin, token });
    return true;
  } catch {
    return false;
  }
}
