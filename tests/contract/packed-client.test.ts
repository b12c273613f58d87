import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, testHandlers } from "./fixtures.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tsc = path.join(root, "node_modules/typescript/bin/tsc");

/** A script an internal team would write, in a project that has only the packed client. */
const SCRIPT = `
import { createTasklaneClient, TaskFailedError, type TaskResult } from "@tasklane/client";

const client = createTasklaneClient({ url: process.argv[2]! });
const { taskId } = await client.submit.recalculate({});
const done = await client.pollTask(taskId, { onProgress: (t) => process.stderr.write(t.status + "\\n") });
const summary: TaskResult<"recalculate"> = done.result;
// @ts-expect-error a recalculation has no pricelistId: the result is typed by the task type
done.result.pricelistId;
const error = await client.submitAndWait("pricelistCreate", { source: "estimate" }).catch((e: unknown) => e);
console.log(JSON.stringify({
  status: done.status,
  componentsTotal: summary.componentsTotal,
  createdAtIsDate: done.createdAt instanceof Date,
  failedTyped: error instanceof TaskFailedError ? error.task.error : null,
}));
`;

let consumer: string;

beforeAll(async () => {
  consumer = await mkdtemp(path.join(os.tmpdir(), "tasklane-consumer-"));
  await run("pnpm", ["--filter", "@tasklane/client", "pack", "--pack-destination", consumer], { cwd: root });
  const tarball = (await readdir(consumer)).find((f) => f.endsWith(".tgz"))!;
  await writeFile(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${tarball}`, "@types/node@20"], {
    cwd: consumer,
  });
  await writeFile(path.join(consumer, "script.ts"), SCRIPT);
}, 300_000);

afterAll(async () => {
  await rm(consumer, { recursive: true, force: true });
});

describe("the packed client tarball, installed alone outside the workspace", () => {
  it("type-checks strictly, with its declarations checked too, and runs against a live server", async () => {
    const compile = run(
      "node",
      [tsc, "--strict", "--skipLibCheck", "false", "--module", "nodenext", "--target", "es2022", "--outDir", "out", "script.ts"],
      { cwd: consumer },
    );
    await expect(compile).resolves.toBeDefined();

    const { url } = await startService({
      handlers: testHandlers({
        pricelistCreate: async () => {
          throw new Error("No prices yet");
        },
      }),
    });
    const { stdout, stderr } = await run("node", ["out/script.js", url], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({
      status: "completed",
      componentsTotal: 50_005_000,
      createdAtIsDate: true,
      failedTyped: "No prices yet",
    });
    expect(stderr.trim().split("\n").at(-1)).toBe("completed");
  });
});
