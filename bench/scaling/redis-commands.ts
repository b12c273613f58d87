import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Calls of each command so far, from INFO commandstats (commands run inside Lua scripts count under their own names too). */
async function commandCalls(port: number): Promise<Map<string, number>> {
  const { stdout } = await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), "INFO", "commandstats"]);
  const calls = new Map<string, number>();
  for (const match of stdout.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1]!, Number(match[2]));
  return calls;
}

/**
 * Starts counting the commands our redis-server runs; the returned function gives each command's
 * calls since, leaving out the INFO calls this counting itself makes.
 */
export async function redisCommands(port: number): Promise<() => Promise<Record<string, number>>> {
  const before = await commandCalls(port);
  return async () => {
    const delta: Record<string, number> = {};
    for (const [command, calls] of await commandCalls(port)) {
      const n = calls - (before.get(command) ?? 0);
      if (n > 0 && command !== "info") delta[command] = n;
    }
    return delta;
  };
}

/** Null when redis-cli runs here; else why not. */
export async function redisCliMissing(): Promise<string | null> {
  return run("redis-cli", ["--version"]).then(
    () => null,
    (error: Error) => `redis-cli, which reads Redis's command counts, does not run here (${error.message})`,
  );
}

export const totalCalls = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
