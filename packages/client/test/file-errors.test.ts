import path from "node:path";
import { describe, expect, it } from "vitest";
import { startService, tempDir } from "@tasklane/testing";
import { TasklaneFileError, createTasklaneClient } from "../src/index.ts";

/** The real service: the error must come before anything reaches it. */
const SLOW = { timeout: 60_000 };

async function setup() {
  const { url } = await startService();
  return { client: createTasklaneClient({ url }), dir: await tempDir() };
}

// Issue 13: a missing file rejected with a bare "TypeError: Unable to open file as blob".
describe("a path that names no readable file", SLOW, () => {
  it("missing: uploadFile, inspectFile and submit.stockImport reject with TasklaneFileError FILE_NOT_FOUND naming the path; no task is made", async () => {
    const { client, dir } = await setup();
    const missing = path.join(dir, "nope.xlsx");
    const expected = { name: "TasklaneFileError", code: "FILE_NOT_FOUND", path: missing, message: `Cannot read ${missing}: no such file` };
    for (const call of [
      () => client.uploadFile(missing),
      () => client.inspectFile({ file: missing }),
      () => client.submit.stockImport({ file: missing, supplier: "Ocean", kind: "stock" }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TasklaneFileError);
      expect(error).toMatchObject(expected);
    }
    expect((await client.listTasks()).items).toEqual([]);
  });

  it("unreadable (a folder): rejects with TasklaneFileError FILE_UNREADABLE naming the path", async () => {
    const { client, dir } = await setup();
    const error = await client.uploadFile(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TasklaneFileError);
    expect(error).toMatchObject({ code: "FILE_UNREADABLE", path: dir, message: `Cannot read ${dir}: a folder, not a file` });
  });
});
