import { readFileSync } from "node:fs";

/** The machine's CPU time so far from /proc/stat's first line: all cores together, in clock ticks. */
function ticks(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq;
  return { busy, total: busy + idle + iowait + steal };
}

/**
 * Starts counting; the returned function gives the share of the machine's cores that were busy
 * since (1.0: every core, whoever used it: our processes, PostgreSQL, Redis or anything else).
 * This is what tells whether a measurement ran out of machine rather than out of parallelism.
 */
export function machineBusy(): () => number {
  const start = ticks();
  return () => {
    const end = ticks();
    return +((end.busy - start.busy) / Math.max(1, end.total - start.total)).toFixed(3);
  };
}
