/** What a tasks.get GET answered, as the fast-path tests compare it with tRPC's own answer. */
export interface TaskGetAnswer {
  status: number;
  contentType: string | null;
  vary: string | null;
  allowOrigin: string | null;
  body: string;
  servedBy: "trpc" | "fast";
}

export async function askTaskGet(url: string, init: RequestInit = {}): Promise<TaskGetAnswer> {
  const res = await fetch(url, init);
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    vary: res.headers.get("vary"),
    allowOrigin: res.headers.get("access-control-allow-origin"),
    body: await res.text(),
    // tRPC's adapter streams its answer; the fast path sends a content-length.
    servedBy: res.headers.get("transfer-encoding") === "chunked" ? "trpc" : "fast",
  };
}
