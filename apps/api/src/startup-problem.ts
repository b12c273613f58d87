import type { Config } from "@tasklane/server";

/** A system error as Node reports it: a code, and for file errors the path. */
interface SystemError {
  code?: unknown;
  path?: unknown;
  syscall?: unknown;
}

/**
 * The one line a person needs when the service cannot start for a reason of this machine (a port
 * taken, a folder it may not write), naming the fix; undefined for anything else, which keeps its
 * stack for the log.
 */
export function startupProblem(error: unknown, config: Pick<Config, "host" | "port" | "dataDir">): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, path, syscall } = error as SystemError;
  const where = `${config.host}:${config.port}`;
  if (syscall === "listen" || syscall === "bind") {
    if (code === "EADDRINUSE")
      return `port ${config.port} on ${config.host} is already in use: stop what listens there, or set PORT to a free port.`;
    if (code === "EACCES") return `this user may not listen on ${where}: set PORT to 1024 or above.`;
    if (code === "EADDRNOTAVAIL")
      return `HOST=${config.host} is not an address of this machine: set HOST to one of its addresses (127.0.0.1 for this machine only).`;
  }
  const file = typeof path === "string" ? path : undefined;
  // The data folder, a file in it, or a folder above it that creating it ran into.
  const dir = config.dataDir;
  if (file !== undefined && (file === dir || file.startsWith(`${dir}/`) || dir.startsWith(`${file}/`))) {
    const fix = "set TASKLANE_DATA_DIR to a folder this user may write.";
    if (code === "ENOSPC") return `no space is left on the disk of the data folder ${config.dataDir}: free some, or ${fix}`;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "ENOTDIR" || code === "EEXIST") {
      return `the data folder ${config.dataDir} cannot be written (${String(code)} on ${file}): ${fix}`;
    }
  }
  return undefined;
}
