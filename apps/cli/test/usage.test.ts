import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startService, tempDir, testHandlers } from "@tasklane/testing";
import { runCli } from "./cli-process.ts";

/** A failure is exactly one line on stderr, nothing on stdout, and no stack trace. */
function expectOneLine(result: { stdout: string; stderr: string }, line: string) {
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(`${line}\n`);
}

describe("help", () => {
  it("tasklane --help lists every command and exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const name of ["recalculate", "inspect", "import", "suppliers", "pricelist", "get", "watch", "list", "cancel"]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    }
    expect(result.stderr).toBe("");
  });

  it.each([
    ["import", "--help"],
    ["help", "import"],
    ["import", "-h"],
  ])("tasklane %s %s prints the command's usage", async (...args) => {
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tasklane import FILE --supplier NAME \[--kind stock\|competitor\]/);
  });
});

describe("wrong usage: exit 2 with one line naming the mistake", () => {
  const cases: [string[], string][] = [
    [[], 'tasklane: missing a command (see "tasklane --help")'],
    [
      ["frobnicate"],
      'tasklane: unknown command "frobnicate"; the commands are recalculate, inspect, import, suppliers, pricelist, get, watch, list, cancel (see "tasklane --help")',
    ],
    [["list", "--bogus"], 'tasklane: unknown option --bogus (see "tasklane list --help")'],
    [["recalculate", "--wait=yes"], 'tasklane: --wait takes no value (see "tasklane recalculate --help")'],
    [["recalculate", "now"], 'tasklane: unexpected argument now (see "tasklane recalculate --help")'],
    [["import", "--supplier", "Ocean"], 'tasklane: missing FILE (see "tasklane import --help")'],
    [["import", "stock.csv"], 'tasklane: missing --supplier NAME (see "tasklane import --help")'],
    [["import", "stock.csv", "--supplier"], 'tasklane: --supplier needs a value (see "tasklane import --help")'],
    [
      ["import", "stock.csv", "--supplier", "Ocean", "--kind", "retail"],
      'tasklane: --kind must be one of stock, competitor (see "tasklane import --help")',
    ],
    [["pricelist"], 'tasklane: missing --source estimate|warehouse|competitor (see "tasklane pricelist --help")'],
    [
      ["pricelist", "--source", "shop"],
      'tasklane: --source must be one of estimate, warehouse, competitor (see "tasklane pricelist --help")',
    ],
    [
      ["list", "--type", "import"],
      'tasklane: --type must be one of recalculate, stockImport, pricelistCreate (see "tasklane list --help")',
    ],
    [
      ["list", "--status", "done"],
      'tasklane: --status must be one of queued, running, completed, error, cancelled (see "tasklane list --help")',
    ],
    [["list", "--limit", "0"], 'tasklane: --limit must be a whole number from 1 up, not "0" (see "tasklane list --help")'],
    [["recalculate", "--timeout", "5"], 'tasklane: --timeout only applies with --wait (see "tasklane recalculate --help")'],
    [
      ["recalculate", "--wait", "--timeout", "soon"],
      'tasklane: --timeout must be a number of seconds above 0, not "soon" (see "tasklane recalculate --help")',
    ],
    [["get"], 'tasklane: missing ID (see "tasklane get --help")'],
    [["watch", "42"], 'tasklane: "42" is not a task id (a UUID, as printed when the task was submitted) (see "tasklane watch --help")'],
    [
      ["list", "--url", "localhost:3000"],
      'tasklane: "localhost:3000" is not an http(s) URL such as http://127.0.0.1:3000 (see "tasklane list --help")',
    ],
    [
      ["list", "--token", "two words"],
      'tasklane: the token (--token or TASKLANE_TOKEN) has spaces, or characters an HTTP header cannot carry (see "tasklane list --help")',
    ],
  ];
  it.each(cases)("tasklane %j", async (args, line) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expectOneLine(result, line);
  });

  // The SDK refuses the path (TasklaneFileError) before anything is sent: no service is even needed.
  it("a file that does not exist, or a folder, is refused in one line naming it", async () => {
    const dir = await tempDir();
    const missing = path.join(dir, "nope.csv");
    const result = await runCli(["import", missing, "--supplier", "Ocean"], { TASKLANE_URL: "http://127.0.0.1:9" });
    expect(result.code).toBe(2);
    expectOneLine(result, `tasklane: cannot read ${missing}: no such file`);
    const folder = await runCli(["inspect", dir], { TASKLANE_URL: "http://127.0.0.1:9" });
    expect(folder.code).toBe(2);
    expectOneLine(folder, `tasklane: cannot read ${dir}: not a file this user can read (a folder, or no permission)`);
  });
});

describe("the service refuses or is not there: exit 2 with one line", () => {
  it("no service listening at the URL", async () => {
    const service = await startService({ handlers: testHandlers() });
    await service.stop();
    for (const args of [["list"], ["recalculate", "--wait"], ["get", randomUUID()]]) {
      const result = await runCli(args, { TASKLANE_URL: service.url });
      expect(result.code).toBe(2);
      expectOneLine(result, `tasklane: cannot reach the tasklane service at ${service.url}: is it running? (set --url or TASKLANE_URL)`);
    }
  });

  it("--url wins over TASKLANE_URL, and the option may come before the command", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const result = await runCli(["--url", url, "list", "--json"], { TASKLANE_URL: "http://127.0.0.1:9" });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ items: [], nextCursor: null });
  });

  it("a missing or wrong token, then the right one from --token or TASKLANE_TOKEN", async () => {
    const { url } = await startService({ handlers: testHandlers(), tokens: new Map([["s3cret", "ci"]]) });
    const missing = await runCli(["list"], { TASKLANE_URL: url });
    expect(missing.code).toBe(2);
    expectOneLine(missing, `tasklane: the service at ${url} needs a token: set --token or TASKLANE_TOKEN`);
    const wrong = await runCli(["list", "--token", "guess"], { TASKLANE_URL: url });
    expect(wrong.code).toBe(2);
    expectOneLine(wrong, `tasklane: the service at ${url} refused the token: check --token or TASKLANE_TOKEN`);
    expect((await runCli(["list"], { TASKLANE_URL: url, TASKLANE_TOKEN: "s3cret" })).code).toBe(0);
    expect((await runCli(["list", "--token", "s3cret"], { TASKLANE_URL: url, TASKLANE_TOKEN: "guess" })).code).toBe(0);
  });

  it("a task id the service does not know", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const id = randomUUID();
    for (const command of ["get", "watch", "cancel"]) {
      const result = await runCli([command, id], { TASKLANE_URL: url });
      expect(result.code).toBe(2);
      expectOneLine(result, `tasklane: no task with id ${id}`);
    }
  });

  it("input the service refuses: its message names the field", async () => {
    const { url } = await startService({ handlers: testHandlers() });
    const file = path.join(await tempDir(), "stock.csv");
    await writeFile(file, "PN;Price\nA1;10\n");
    const result = await runCli(["import", file, "--supplier", "   "], { TASKLANE_URL: url });
    expect(result.code).toBe(2);
    expectOneLine(result, "tasklane: invalid input: supplier: must not be empty");
  });
});
