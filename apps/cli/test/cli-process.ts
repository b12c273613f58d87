import { type ChildProcess, spawn } from "node:child_process";
import { EventEmitter, once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach } from "vitest";
import { recalcResult, startService, testHandlers } from "@tasklane/testing";

/** The real command, as `pnpm tasklane` runs it. */
export const BIN = path.resolve(import.meta.dirname, "../bin/tasklane.js");
const children: ChildProcess[] = [];
const proxies: http.Server[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const proxy of proxies.splice(0)) proxy.close().closeAllConnections();
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
  // Decoded as UTF-8 by the stream, so a Cyrillic character split across two chunks stays one character.
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
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

/** Reads of one task each step is held over: more than one, so a step read again must not be printed again. */
const READS_PER_STEP = 3;

/**
 * The service with a recalculate that reports two steps, each held until the command has read
 * the task READS_PER_STEP times at that step, then completes: events, not sleeps, so a busy
 * machine cannot make a step pass between two polls. `url` is a proxy that counts the reads.
 */
export async function twoStepService(): Promise<{ url: string }> {
  const reads = new EventEmitter();
  const readsAfter = async (signal: AbortSignal) => {
    for (let i = 0; i < READS_PER_STEP; i++) await once(reads, "read", { signal });
  };
  const service = await startService({
    // No progress throttle: a read after a step began sees it, so each step is read READS_PER_STEP times.
    progressFlushMs: 0,
    handlers: testHandlers({
      recalculate: async (_input, ctx) => {
        ctx.progress(10, "Reading rows: 4,000");
        await readsAfter(ctx.signal);
        ctx.progress(45, "Reading rows: 40,000");
        await readsAfter(ctx.signal);
        return recalcResult(3);
      },
    }),
  });
  return { url: await readCountingProxy(service.url, reads) };
}

/** An HTTP proxy to `target` that emits "read" on `reads` once each tasks.get request has been answered; closed after the test. */
async function readCountingProxy(target: string, reads: EventEmitter): Promise<string> {
  const proxy = http.createServer((req, res) => {
    const forward = http.request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
      if (req.url!.includes("tasks.get")) res.once("finish", () => reads.emit("read"));
    });
    forward.once("error", () => res.destroy());
    req.pipe(forward);
  });
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
  proxies.push(proxy);
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}
