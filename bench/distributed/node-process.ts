import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

/** Enough of a process's last lines to say why it failed; info logs are not kept whole. */
const OUTPUT_KEPT = 20_000;
/** How long SIGTERM gets before SIGKILL: grace is 0 in the benchmark, so a clean stop takes well under this. */
const STOP_WAIT_MS = 10_000;

export interface NodeProcess {
  child: ChildProcess;
  pid: number;
  /** The last OUTPUT_KEPT characters of stdout and stderr together. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after STOP_WAIT_MS; resolves once it has exited. */
  stop(): Promise<void>;
}

const live = new Set<NodeProcess>();

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Spawns a TypeScript script as node with tsx as a loader, so the pid is the script's own (for /proc). */
export function spawnNode(
  script: string,
  { args = [], env = {}, cwd = process.cwd() }: { args?: string[]; env?: Record<string, string>; cwd?: string } = {},
): NodeProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: string) => (output = (output + chunk).slice(-OUTPUT_KEPT));
  // Decoded as UTF-8 by the stream, so a Cyrillic character split across two chunks stays one character.
  child.stdout.setEncoding("utf8").on("data", keep);
  child.stderr.setEncoding("utf8").on("data", keep);
  // A process that exits early must not make a later write to its stdin throw in this one.
  child.stdin.on("error", () => undefined);
  return adopt(child, () => output);
}

/** A process started elsewhere (@tasklane/testing's spawnService), stopped by stopAll like the others. */
export function adopt(child: ChildProcess, output: () => string): NodeProcess {
  const proc: NodeProcess = {
    child,
    pid: child.pid!,
    output,
    async stop() {
      live.delete(proc);
      if (exited(child)) return;
      const gone = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_WAIT_MS);
      await gone;
      clearTimeout(timer);
    },
  };
  live.add(proc);
  child.once("exit", () => live.delete(proc));
  return proc;
}

/** Resolves with the first match of `pattern` in the process's output; rejects if it exits first or takes too long. */
export function waitForOutput(proc: NodeProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: Error | RegExpExecArray) => {
      clearTimeout(timer);
      proc.child.stdout!.off("data", check);
      proc.child.off("close", onClose);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // "close", not "exit": only then has all it printed arrived, and the match may be in the last of it.
    const onClose = (code: number | null) => {
      const match = pattern.exec(proc.output());
      settle(match ?? new Error(`exited (${code}) before printing ${pattern}: ${proc.output()}`));
    };
    const check = () => {
      const match = pattern.exec(proc.output());
      if (match) settle(match);
    };
    const timer = setTimeout(() => settle(new Error(`no ${pattern} after ${timeoutMs} ms: ${proc.output()}`)), timeoutMs);
    proc.child.stdout!.on("data", check);
    proc.child.once("close", onClose);
    check();
    if (exited(proc.child) && proc.child.stdout!.closed) onClose(proc.child.exitCode);
  });
}

/** Stops every process spawnNode started that is still running: the benchmark's `finally`. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((proc) => proc.stop()));
}
