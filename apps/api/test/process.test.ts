import { describe, expect, it } from "vitest";
import { exitCode, spawnApi, startApi } from "./api-process.ts";

describe("the API process", () => {
  it("serves on 127.0.0.1 by default, warns that it runs open, and exits 0 on SIGTERM", async () => {
    const api = await startApi();
    const health = await fetch(`${api.url}/health`);
    expect(await health.json()).toMatchObject({ status: "ok" });
    expect(api.output()).toContain("No TASKLANE_TOKENS set");
    api.child.kill("SIGTERM");
    expect(await exitCode(api.child)).toBe(0);
  });

  it("stops on SIGINT too", async () => {
    const api = await startApi();
    api.child.kill("SIGINT");
    expect(await exitCode(api.child)).toBe(0);
  });

  it("refuses a bad setting with one line naming it, and exit code 1", async () => {
    const api = spawnApi({ TASKLANE_CONCURRENCY: "lots" });
    expect(await exitCode(api.child)).toBe(1);
    expect(api.output().trim()).toBe('tasklane: TASKLANE_CONCURRENCY="lots": must be a whole number from 1 to 64');
  });
});
