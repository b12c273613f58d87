/** /health is open to all, but only a caller with a token learns more than that the service is up. */
import { describe, expect, it } from "vitest";
import { startService } from "@tasklane/testing";

const TOKEN = "health-test-token-0001";

describe("GET /health", () => {
  it("says only that the service is up without a valid token, and the task counts with one", async () => {
    const { url } = await startService({ tokens: new Map([[TOKEN, "alice"]]) });
    for (const headers of [{}, { authorization: "Bearer not-the-token-at-all" }] as Record<string, string>[]) {
      const response = await fetch(`${url}/health`, { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
    }
    const detailed = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await detailed.json()).toEqual({ status: "ok", tasks: { queued: 0, running: 0 } });
  });

  it("gives the counts to every caller of a service without tokens (loopback only)", async () => {
    const { url } = await startService();
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: "ok", tasks: { queued: 0, running: 0 } });
  });
});
