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
    child.stdout!.on("data", (chunk: Buffer) => {
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
    async stop(): Promise<void> {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

export type ScriptProcess = Awaited<ReturnType<typeof startScript>>;
