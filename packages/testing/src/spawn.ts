/**
 * The real processes, `pnpm start` and `pnpm worker`, spawned and waited for on their readiness
 * descriptor (TASKLANE_READY_FD), never on a log line. Side-effect free, so the benchmarks use it
 * as the tests do (through process.ts, which also kills what a test left running).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import type { Readable } from "node:stream";

/** apps/api, whose src/main.ts is `pnpm start` and src/worker.ts is `pnpm worker`. */
export const apiDir = path.resolve(import.meta.dirname, "../../../apps/api");
/**
 * Each process's entry point and Node's flags, as apps/api's package.json scripts run them
 * (apps/api/test/process.test.ts keeps the two equal). A worker collects garbage on the thread that
 * allocates: on a CPU share beside two other workers, V8's helper threads for parallel and
 * concurrent collection spent twice the CPU per imported row they spend for one worker alone (a
 * worker's total rose from 5.3 to 8.0 µs); single-threaded it stayed at 5.3-5.7 µs for one worker
 * and for three (docs/scaling.md).
 */
export const SCRIPTS = {
  api: { file: "main.ts", nodeFlags: [] },
  worker: { file: "worker.ts", nodeFlags: ["--single-threaded-gc"] },
} as const satisfies Record<string, { file: string; nodeFlags: readonly string[] }>;
/** The descriptor the child writes its ready line to (apps/api/src/ready-signal.ts): the first after stdio. */
const READY_FD = 3;

/** The line a process writes on TASKLANE_READY_FD once it listens (the API) or takes jobs (a worker). */
export interface ReadyMessage {
  ready: true;
  url?: string;
}

export interface ServiceProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they came. */
  output: () => string;
  /**
   * Resolves with the process's ready line; rejects, with its exit code and everything it wrote,
   * if it ends first (a bad setting, a port taken), so the reason is in the test's failure.
   */
  ready: Promise<ReadyMessage>;
}

/**
 * Spawns a real process as `pnpm start` ("api") or `pnpm worker` ("worker") runs it: one node
 * process with tsx as a loader, so a signal sent to it reaches the service itself, not a
 * wrapper. No cleanup is registered here (this module is for benchmarks too): tests use
 * spawnProcess from "@tasklane/testing", which kills it after the test.
 */
export function spawnService(script: keyof typeof SCRIPTS, env: Record<string, string> = {}): ServiceProcess {
  const { file, nodeFlags } = SCRIPTS[script];
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", path.join(apiDir, "src", file)], {
    cwd: apiDir,
    env: { ...process.env, ...env, TASKLANE_READY_FD: String(READY_FD) },
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  let output = "";
  // Decoded by the streams, so a Cyrillic character split across two chunks reads whole.
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding("utf8");
    stream.on("data", (d: string) => (output += d));
  }
  const closed = once(child, "close").catch(() => undefined);
  const ready = readyLine(child.stdio[READY_FD] as Readable).then(
    (line) => JSON.parse(line) as ReadyMessage,
    async () => {
      // The ready descriptor closed without a line: the process ended; "close" comes after its last output.
      await closed;
      throw new Error(`${script} process ended (exit code ${child.exitCode}, signal ${child.signalCode}) before it was ready:\n${output}`);
    },
  );
  ready.catch(() => undefined); // a test of a failing start awaits the exit instead
  return { child, output: () => output, ready };
}

/** Sends `signal` unless the process has ended, and resolves once it has. */
export async function stopProcess(proc: Pick<ServiceProcess, "child">, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}

export async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const [code] = (await once(child, "exit")) as [number | null];
  return code;
}

/** The first line written to the ready descriptor; rejects if it closes without one. */
function readyLine(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      text += chunk;
      const end = text.indexOf("\n");
      if (end >= 0) resolve(text.slice(0, end));
    });
    stream.once("end", () => reject(new Error("closed")));
    stream.once("error", reject);
  });
}
