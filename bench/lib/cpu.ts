import { readFile } from "node:fs/promises";

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on Linux x86-64 and arm64 (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far, from /proc; another process may ask. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory of a process in MB, from /proc. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}
