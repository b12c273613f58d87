import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, testHandlers } from "@tasklane/testing";

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

/** The same from CommonJS: TypeScript must find the `require` condition's declarations for it. */
const CJS_SCRIPT = `
import { TasklaneRequestError, type RequestErrorCode, createTasklaneClient } from "@tasklane/client";

export async function codeOfMissingTask(url: string): Promise<RequestErrorCode | undefined> {
  const error = await createTasklaneClient({ url }).getTask("0b4f5a5e-8a49-4d2c-9d53-0d7e1c7b6f10").catch((e: unknown) => e);
  if (!(error instanceof TasklaneRequestError)) return undefined;
  // @ts-expect-error the code is one the service answers, not any string
  if (error.code === "NO_SUCH_CODE") return undefined;
  return error.code;
}
`;

/** What each loader does with the build it loaded, against the live server given as the first argument. */
const CALLS = `
async function calls(sdk, file) {
  const client = sdk.createTasklaneClient({ url: process.argv[2] });
  const done = await client.submitAndWait("recalculate", {});
  const missing = await client.getTask("0b4f5a5e-8a49-4d2c-9d53-0d7e1c7b6f10").catch((e) => e);
  const code = missing instanceof sdk.TasklaneRequestError ? missing.code : String(missing);
  console.log(JSON.stringify({ file: path.relative(process.cwd(), file), status: done.status, createdAtIsDate: done.createdAt instanceof Date, code }));
}
`;

/** require() from CommonJS, import() from an ES module: each must find its own build. */
const LOADERS = {
  "require.cjs": `const path = require("node:path");${CALLS}calls(require("@tasklane/client"), require.resolve("@tasklane/client"));`,
  "import.mjs": `import path from "node:path";\nimport { fileURLToPath } from "node:url";${CALLS}calls(await import("@tasklane/client"), fileURLToPath(import.meta.resolve("@tasklane/client")));`,
};

let consumer: string;
let compiled: Promise<unknown> | undefined;

/** Every TypeScript consumer above and the README's example, compiled once to out/: strictly, the SDK's declarations checked too. */
const compile = () =>
  (compiled ??= run(
    "node",
    [
      tsc,
      "--strict",
      "--skipLibCheck",
      "false",
      "--module",
      "nodenext",
      "--target",
      "es2022",
      "--outDir",
      "out",
      "script.ts",
      "cjs-script.cts",
      "example.ts",
    ],
    { cwd: consumer },
  ));

beforeAll(async () => {
  consumer = await mkdtemp(path.join(os.tmpdir(), "tasklane-consumer-"));
  await run("pnpm", ["--filter", "@tasklane/client", "pack", "--pack-destination", consumer], { cwd: root });
  const tarball = (await readdir(consumer)).find((f) => f.endsWith(".tgz"))!;
  await writeFile(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${tarball}`, "@types/node@20"], {
    cwd: consumer,
  });
  await writeFile(path.join(consumer, "script.ts"), SCRIPT);
  await writeFile(path.join(consumer, "cjs-script.cts"), CJS_SCRIPT);
  for (const [name, text] of Object.entries(LOADERS)) await writeFile(path.join(consumer, name), text);
  // The README as the tarball ships it.
  const readme = await readFile(path.join(consumer, "node_modules/@tasklane/client/README.md"), "utf8");
  const example = /<!-- packed-client\.test\.ts: example -->\n```ts\n([^]*?)```/.exec(readme)?.[1];
  if (!example) throw new Error("The README's example block (after its packed-client.test.ts marker) is missing");
  await writeFile(path.join(consumer, "example.ts"), example);
}, 300_000);

afterAll(async () => {
  await rm(consumer, { recursive: true, force: true });
});

describe("the packed client tarball, installed alone outside the workspace", () => {
  it("type-checks strictly from an ES module and from CommonJS, with its declarations checked too, and runs against a live server", async () => {
    await expect(compile()).resolves.toBeDefined();

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

  it("ships both builds: require() loads the CommonJS one and import() the ES module one, and each calls the service", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const outputs = await Promise.all(Object.keys(LOADERS).map((name) => run("node", [name, url], { cwd: consumer })));
    const expected = { status: "completed", createdAtIsDate: true, code: "NOT_FOUND" };
    expect(outputs.map(({ stdout }) => JSON.parse(stdout) as unknown)).toEqual([
      { file: "node_modules/@tasklane/client/dist/index.cjs", ...expected },
      { file: "node_modules/@tasklane/client/dist/index.js", ...expected },
    ]);
    expect(outputs.map(({ stderr }) => stderr)).toEqual(["", ""]);
    // Bundlers may drop what a consumer does not use: importing the SDK does nothing by itself.
    const installed = JSON.parse(await readFile(path.join(consumer, "node_modules/@tasklane/client/package.json"), "utf8"));
    expect(installed).toMatchObject({ sideEffects: false, main: "./dist/index.cjs", module: "./dist/index.js" });
  });

  it("the example in its README type-checks and runs against a live service with the pricing handlers", async () => {
    await compile();
    await writeFile(path.join(consumer, "stock.csv"), "PN;Price;Qty\nA-1;10;2\nB-2;20;3\n");

    const { url } = await startService();
    const { stdout } = await run("node", ["out/example.js", "stock.csv"], { cwd: consumer, env: { ...process.env, TASKLANE_URL: url } });
    expect(stdout).toMatch(/^Imported 2 of 2 rows\nRecalculated \d+ components: \d+ updated\n$/);
  });
});
