import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach } from "vitest";
import { recalcResult, testHandlers } from "@tasklane/testing";

/** The real command, as `pnpm tasklane` runs it. */
export const BIN = path.resolve(import.meta.dirname, "../bin/tasklane.js");
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The test runner's environment without the caller's own tasklane settings and locale (the
 * texts asserted are English: LANG=C), plus `env`.
 */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { TASKLANE_URL: _url, TASKLANE_TOKEN: _token, TASKLANE_DEBUG: _debug, LC_ALL: _all, LC_MESSAGES: _messages, ...rest } = process.env;
  return { ...rest, LANG: "C", ...env };
}

/** Starts `tasklane ...args` with stdout and stderr on pipes (not a terminal), as in a script. */
export function spawnCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d));
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  const exited = (async (): Promise<CliResult> => {
    const [code] = (await once(child, "close")) as [number | null];
    return { code, stdout, stderr };
  })();
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `tasklane ...args` to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return spawnCli(args, env).exited;
}

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The id in a waiting command's "Submitted <type> task <id>" line. */
export function submittedId(stderr: string): string | undefined {
  return new RegExp(`Submitted \\w+ task (${UUID.source})`).exec(stderr)?.[1];
}

/** A recalculate that reports two steps, each held over several polls, then completes. */
export function twoStepRecalculate() {
  return testHandlers({
    recalculate: async (_input, ctx) => {
      ctx.progress(10, "Reading rows: 4,000");
      await sleep(1_200);
      ctx.progress(45, "Reading rows: 40,000");
      await sleep(1_200);
      return recalcResult(3);
    },
  });
}
