import { access, mkdir, readFile, readdir, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A fixed CPU share per process through the cgroup v1 cpu controller (cpu.cfs_quota_us over
 * cpu.cfs_period_us), with the cpuacct controller counting what the process used. Each share is a
 * cgroup of its own, so its usage is one process's, and a process given more work than its share
 * waits, as it would on a machine of that size.
 */
const CPU_ROOT = "/sys/fs/cgroup/cpu";
/** Mounted on its own here; where cpu and cpuacct are one hierarchy (cpu,cpuacct), the cpu path serves both. */
const CPUACCT_ROOT = "/sys/fs/cgroup/cpuacct";
const PERIOD_US = 100_000;
/**
 * cpu.shares of every group we make, 8x a plain process's 1,024: a quota only caps, and on a
 * machine busy with other work a capped process would get less than its share and the count of
 * processes would measure the neighbours. With this weight each share is also a reservation.
 */
const WEIGHT = 8192;

export interface CpuShare {
  name: string;
  /** Null: no quota, only the weight (the load generators' group). */
  cores: number | null;
  /** Moves the process, every thread of it and any child, into this share. */
  join(pid: number): Promise<void>;
  /** CPU seconds the processes in this share used so far (cpuacct.usage). */
  usedSeconds(): Promise<number>;
  /** Scheduler periods so far, and those in which the quota stopped the share (cpu.stat). */
  periods(): Promise<{ periods: number; throttled: number }>;
  /** Changes the quota (null: none); `cores` stays the share the report states. */
  limit(cores: number | null): Promise<void>;
}

async function cpuacctRoot(): Promise<string> {
  const together = await access(path.join(CPU_ROOT, "cpuacct.usage")).then(
    () => true,
    () => false,
  );
  return together ? CPU_ROOT : CPUACCT_ROOT;
}

/** Null when shares can be made here; else why not (no cgroup v1 cpu controller, or not root). */
export async function cpuSharesUnavailable(): Promise<string | null> {
  const probe = `tasklane-bench-probe-${process.pid}`;
  const dirs = [path.join(CPU_ROOT, probe), path.join(await cpuacctRoot(), probe)];
  try {
    for (const dir of new Set(dirs)) await mkdir(dir);
    await writeFile(path.join(dirs[0]!, "cpu.cfs_quota_us"), String(PERIOD_US));
    await writeFile(path.join(dirs[0]!, "cpu.shares"), String(WEIGHT));
    await readFile(path.join(dirs[1]!, "cpuacct.usage"), "utf8");
    return null;
  } catch (error) {
    return `the cgroup v1 cpu and cpuacct controllers at ${CPU_ROOT} and ${CPUACCT_ROOT} are not writable here (${(error as Error).message})`;
  } finally {
    for (const dir of new Set(dirs)) await rmdir(dir).catch(() => undefined);
  }
}

/** The process and its descendants, found through /proc/<pid>/task/<tid>/children. */
async function withDescendants(pid: number): Promise<number[]> {
  const found = [pid];
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [])) {
    const children = await readFile(`/proc/${pid}/task/${tid}/children`, "utf8").catch(() => "");
    for (const child of children.split(" ").filter(Boolean)) found.push(...(await withDescendants(Number(child))));
  }
  return found;
}

/** Shares made by `makeShares`, removed by `removeShares` (also on an early exit). */
export interface CpuShares {
  shares: CpuShare[];
  remove(): Promise<void>;
}

/**
 * One cgroup per group under tasklane-bench-<pid>-<name>, each held to its `cores` of a core. The
 * benchmark's pid in the name keeps two runs on one machine apart.
 */
export async function makeShares(groups: { name: string; cores: number | null }[]): Promise<CpuShares> {
  const accountRoot = await cpuacctRoot();
  const made: string[] = [];
  const remove = async () => {
    for (const dir of made.splice(0).reverse()) {
      // A cgroup with a process left in it cannot be removed: such processes go back to the root first.
      const root = path.dirname(dir);
      const left = (await readFile(path.join(dir, "cgroup.procs"), "utf8").catch(() => "")).split("\n").filter(Boolean);
      for (const pid of left) await writeFile(path.join(root, "cgroup.procs"), pid).catch(() => undefined);
      await rmdir(dir).catch((error: unknown) => console.error(`could not remove ${dir}: ${(error as Error).message}`));
    }
  };
  try {
    const shares = [];
    for (const { name, cores } of groups) {
      const group = `tasklane-bench-${process.pid}-${name}`;
      const cpu = path.join(CPU_ROOT, group);
      const acct = path.join(accountRoot, group);
      for (const dir of new Set([cpu, acct])) {
        await mkdir(dir);
        made.push(dir);
      }
      await writeFile(path.join(cpu, "cpu.cfs_period_us"), String(PERIOD_US));
      await writeFile(path.join(cpu, "cpu.shares"), String(WEIGHT));
      shares.push(await share(name, cores, cpu, acct));
    }
    return { shares, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function share(name: string, cores: number | null, cpu: string, acct: string): Promise<CpuShare> {
  const limit = (to: number | null) => writeFile(path.join(cpu, "cpu.cfs_quota_us"), String(to === null ? -1 : Math.round(to * PERIOD_US)));
  await limit(cores);
  return {
    limit,
    name,
    cores,
    async join(pid) {
      // In cgroup v1 cgroup.procs moves a whole thread group: the task threads a worker starts later are born inside.
      for (const member of await withDescendants(pid)) {
        for (const dir of new Set([cpu, acct])) await writeFile(path.join(dir, "cgroup.procs"), String(member));
      }
      const tasks = new Set((await readFile(path.join(cpu, "tasks"), "utf8")).split("\n").filter(Boolean));
      const threads = await readdir(`/proc/${pid}/task`);
      const outside = threads.filter((tid) => !tasks.has(tid));
      if (outside.length) throw new Error(`threads ${outside.join(", ")} of ${pid} are not in ${cpu}`);
    },
    async usedSeconds() {
      return Number(await readFile(path.join(acct, "cpuacct.usage"), "utf8")) / 1e9;
    },
    async periods() {
      const stat = await readFile(path.join(cpu, "cpu.stat"), "utf8");
      const field = (key: string) => Number(new RegExp(`^${key} (\\d+)$`, "m").exec(stat)?.[1] ?? 0);
      return { periods: field("nr_periods"), throttled: field("nr_throttled") };
    },
  };
}
