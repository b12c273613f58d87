/**
 * How long the `tasklane` command takes to start and end (issue 13: 1.2 s per command while it
 * compiled its TypeScript at every start through tsx). Each round runs every command once, one
 * after another, each as a fresh process the way a shell starts it, so a busy moment of the
 * machine burdens all of them alike; `node -e 0` in the same rounds is the floor no command can
 * go under. The figure that matters is a command's time over that floor.
 *
 *   pnpm --filter @tasklane/bench exec tsx cli-start/cli-start-bench.ts
 */
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { machine } from "../lib/machine.ts";
import { saveResult } from "../lib/result-file.ts";
import { median } from "../lib/stats.ts";
import type { CliStartResult } from "./result.ts";

const RUNS = Number(process.env.RUNS ?? 20);
const cli = path.resolve(import.meta.dirname, "../../apps/cli");
const bin = path.join(cli, "bin/tasklane.js");
// A port nothing listens on: `list` loads the SDK, sends its request, is refused and exits 2.
const closed = "http://127.0.0.1:9";

const commands = [
  { key: "node", label: "`node -e 0` (the floor)", args: ["-e", "0"] },
  { key: "version", label: "`tasklane --version`", args: [bin, "--version"] },
  { key: "help", label: "`tasklane --help`", args: [bin, "--help"] },
  {
    key: "list",
    label: `\`tasklane list\` against a closed port (the SDK loaded, one request refused)`,
    args: [bin, "list", "--url", closed],
  },
  {
    key: "tsx",
    label: "`tasklane --version` through tsx, as bin/tasklane.js ran it before",
    args: ["--import", "tsx", path.join(cli, "src/main.ts"), "--version"],
  },
];

execFileSync(process.execPath, [path.join(cli, "../../scripts/build-if-changed.mjs"), "cli"], { stdio: ["ignore", 2, 2] });
const env = { ...process.env, LANG: "C", TASKLANE_URL: "", TASKLANE_TOKEN: "" };
const times = new Map(commands.map((c) => [c.key, [] as number[]]));
for (let round = 0; round < RUNS; round++) {
  for (const command of commands) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, command.args, { cwd: cli, env, stdio: "ignore" });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== (command.key === "list" ? 2 : 0)) throw new Error(`${command.label} exited ${run.status ?? run.signal}`);
    times.get(command.key)!.push(Math.round(ms * 10) / 10);
  }
}

const result: CliStartResult = {
  machine: machine(),
  runs: RUNS,
  commands: commands.map((c) => ({ key: c.key, label: c.label, ms: times.get(c.key)! })),
};
for (const c of result.commands) console.error(`${c.label}: median ${median(c.ms)} ms`);
await saveResult(result);
