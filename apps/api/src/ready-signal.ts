import { closeSync, writeSync } from "node:fs";
import { ConfigError } from "@tasklane/server";

/** What a process says once it is ready: the API's URL; a worker has none. */
export interface ReadyDetails {
  url?: string;
}

/**
 * TASKLANE_READY_FD names a file descriptor the process inherits from whatever supervises it (a
 * test's spawner, s6's notification-fd, a wrapper that calls sd_notify). Once the API listens, or
 * the worker takes jobs, the process writes one line of JSON there, `{"ready":true,"url":...}`,
 * and closes it: readiness is a message, not a log line to match. Unset: nothing is written.
 */
export function readySignal(env: NodeJS.ProcessEnv): (details: ReadyDetails) => void {
  const raw = env.TASKLANE_READY_FD;
  if (raw === undefined || raw === "") return () => undefined;
  const fd = Number(raw);
  if (!/^\d+$/.test(raw) || fd < 3) {
    throw new ConfigError(`TASKLANE_READY_FD=${JSON.stringify(raw)}: must be the number of an inherited file descriptor, 3 or above`);
  }
  return (details) => {
    try {
      writeSync(fd, `${JSON.stringify({ ready: true, ...details })}\n`);
      closeSync(fd);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new ConfigError(
        `TASKLANE_READY_FD=${raw}: the ready line could not be written (${String(code)}): start the process with that descriptor open for writing`,
      );
    }
  };
}
