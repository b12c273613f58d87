import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

/**
 * A benchmark server script (node with tsx as a loader, so the pid is the server's own) that prints
 * `listening at <url>` once it listens; stopped with SIGTERM.
 */
export async function startScript(script: string, env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it listened`)));
  });
  child.stdout!.resume();
  return {
    url,
    pid: child.pid!,
    /** Resolves with the exit code: 0 is a clean graceful stop. */
    async stop(): Promise<number | null> {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      return code;
    },
  };
}

export type ScriptProcess = Awaited<ReturnType<typeof startScript>>;
