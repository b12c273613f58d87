import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { startService, tempDir, testHandlers } from "@tasklane/testing";

const ROOT = path.resolve(import.meta.dirname, "../../..");

it("`pnpm tasklane` runs the command from any folder, reading a relative FILE from that folder", async () => {
  const { url } = await startService({ handlers: testHandlers() });
  const file = path.join(await tempDir(), "stock.csv");
  await writeFile(file, "PN;Price\nA1;10\n");
  const folder = path.join(ROOT, "docs");
  const { stdout } = await promisify(execFile)(
    "pnpm",
    ["tasklane", "import", path.relative(folder, file), "--supplier", "Ocean", "--wait", "--json"],
    {
      cwd: folder,
      env: { ...process.env, TASKLANE_URL: url },
    },
  );
  // testHandlers' stockImport counts the supplier's letters: the file did reach the service.
  expect(JSON.parse(stdout)).toMatchObject({ type: "stockImport", status: "completed", result: { imported: 5 } });
});
