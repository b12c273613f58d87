import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

const appDir = path.resolve(import.meta.dirname, "..");
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tasklane-api-"));
  dirs.push(dir);
  return dir;
}

/**
 * Spawns a real process as `pnpm start` (main.ts) or `pnpm worker` (worker.ts) runs it: one
 * node process with tsx as a loader, so a signal sent to it reaches the server itself, not a
 * wrapper. Killed after the test if still running.
 */
export function spawnScript(script: "main.ts" | "worker.ts", env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(appDir, "src", script)], {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  // Decoded as UTF-8 by the stream, so a Cyrillic character split across two chunks stays one character.
  child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
  return { child, output: () => output };
}

export const spawnApi = (env: Record<string, string>) => spawnScript("main.ts", env);

/** Starts the API on a free port over `dir` and resolves once it listens. */
export async function startApi(env: Record<string, string> = {}, dir?: string) {
  const data = dir ?? (await dataDir());
  const api = spawnApi({ PORT: "0", TASKLANE_DATA_DIR: data, ...env });
  const url = await new Promise<string>((resolve, reject) => {
    api.child.stdout.on("data", () => {
      const match = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(api.output());
      if (match) resolve(match[1]!);
    });
    api.child.on("exit", (code) => reject(new Error(`exited ${code}: ${api.output()}`)));
  });
  return { ...api, url, dataDir: data };
}

export async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, "exit")) as [number | null];
  return code;
}
