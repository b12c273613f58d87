import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { startService, tempDir, testHandlers } from "@tasklane/testing";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

// Issue 13: `pnpm tasklane` worked only inside the workspace.
it("the packed tarball installs outside the workspace with no dependencies, and its tasklane command works there", async () => {
  const dir = await tempDir();
  await run("pnpm", ["--filter", "@tasklane/cli", "pack", "--pack-destination", dir], { cwd: ROOT });
  const tarball = (await readdir(dir)).find((name) => name.endsWith(".tgz"))!;
  const prefix = path.join(dir, "prefix");
  // --offline: the package needs nothing from a registry.
  await run("npm", ["install", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", path.join(dir, tarball)], { cwd: dir });
  expect((await readdir(path.join(prefix, "node_modules"))).filter((name) => !name.startsWith("."))).toEqual(["@tasklane"]);

  const bin = path.join(prefix, "node_modules/.bin/tasklane");
  expect((await run(bin, ["--version"], { cwd: dir })).stdout).toBe("tasklane 0.1.0\n");
  const { url } = await startService({ handlers: testHandlers() });
  const { stdout } = await run(bin, ["recalculate", "--wait", "--json"], { cwd: dir, env: { ...process.env, TASKLANE_URL: url } });
  expect(JSON.parse(stdout)).toMatchObject({ type: "recalculate", status: "completed" });
});
