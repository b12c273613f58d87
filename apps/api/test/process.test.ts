import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const main = path.resolve(import.meta.dirname, "../src/main.ts");
const tsx = path.resolve(import.meta.dirname, "../node_modules/.bin/tsx");
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Starts the real API process; resolves with it and the URL it logged. */
async function startApi(env: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-api-"));
  dirs.push(dataDir);
  const child = spawn(tsx, [main], {
    env: { ...process.env, PORT: "0", TASKLANE_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const match = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, url, dataDir, output: () => output };
}

describe("the API process", () => {
  it("serves on 127.0.0.1 by default, warns that it runs open, and exits 0 on SIGTERM", async () => {
    const api = await startApi({});
    const health = await fetch(`${api.url}/health`);
    expect(await health.json()).toMatchObject({ status: "ok" });
    expect(api.output()).toContain("No TASKLANE_TOKENS set");
    api.child.kill("SIGTERM");
    const [code] = await once(api.child, "exit");
    expect(code).toBe(0);
  });

  it("stops on SIGINT too", async () => {
    const api = await startApi({});
    api.child.kill("SIGINT");
    const [code] = await once(api.child, "exit");
    expect(code).toBe(0);
  });

  it("refuses a bad setting with one line naming it, and exit code 1", async () => {
    const child = spawn(tsx, [main], { env: { ...process.env, TASKLANE_CONCURRENCY: "lots" }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('tasklane: TASKLANE_CONCURRENCY="lots": must be a whole number from 1 to 64');
  });
});
