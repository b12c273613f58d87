import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exitCode, spawnProcess, startApi, startProcess, tempDir } from "@tasklane/testing";
import { SCRIPTS, apiDir } from "@tasklane/testing/spawn";

describe("the processes the tests start", () => {
  it("are `pnpm start` and `pnpm worker` as apps/api's package.json runs them, Node's flags included", async () => {
    const { scripts } = JSON.parse(await readFile(path.join(apiDir, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const command = ({ file, nodeFlags }: (typeof SCRIPTS)[keyof typeof SCRIPTS]) =>
      ["node", ...nodeFlags, "--import", "tsx", `src/${file}`].join(" ");
    expect({ start: scripts.start, worker: scripts.worker }).toEqual({ start: command(SCRIPTS.api), worker: command(SCRIPTS.worker) });
  });
});

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
    const api = spawnProcess("api", { TASKLANE_CONCURRENCY: "lots" });
    expect(await exitCode(api.child)).toBe(1);
    expect(api.output().trim()).toBe('tasklane: TASKLANE_CONCURRENCY="lots": must be a whole number from 1 to 64');
  });

  it("says when it is ready on TASKLANE_READY_FD; a start that fails instead rejects the wait with the process's reason", async () => {
    const api = await startProcess("api", { PORT: "0", TASKLANE_DATA_DIR: await tempDir() });
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    await expect(startProcess("api", { TASKLANE_CONCURRENCY: "lots" })).rejects.toThrow(
      /api process ended \(exit code 1, signal null\) before it was ready:\ntasklane: TASKLANE_CONCURRENCY="lots": must be a whole number from 1 to 64/,
    );
  });
});

describe("the API process that cannot start", () => {
  it("says in one line that its port is taken, and how to fix it", async () => {
    const first = await startApi();
    const port = new URL(first.url).port;
    const second = spawnProcess("api", { PORT: port, TASKLANE_DATA_DIR: await tempDir() });
    expect(await exitCode(second.child)).toBe(1);
    expect(second.output().trim()).toBe(
      `tasklane: port ${port} on 127.0.0.1 is already in use: stop what listens there, or set PORT to a free port.`,
    );
  });

  it("says in one line that its data folder cannot be written", async () => {
    // Root may write anywhere, so the folder is made impossible another way: below a file.
    const file = path.join(await tempDir(), "a-file");
    await writeFile(file, "");
    const api = spawnProcess("api", { PORT: "0", TASKLANE_DATA_DIR: path.join(file, "data") });
    expect(await exitCode(api.child)).toBe(1);
    expect(api.output().trim()).toMatch(
      new RegExp(
        `^tasklane: the data folder ${file}/data cannot be written \\(ENOTDIR on ${file}[^)]*\\): set TASKLANE_DATA_DIR to a folder this user may write\\.$`,
      ),
    );
  });
});
