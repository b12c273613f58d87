import { type BenchCluster, startCluster } from "../distributed/cluster.ts";
import { postmasterPid } from "../distributed/engine-cpu.ts";
import type { NodeProcess } from "../distributed/node-process.ts";
import { type CpuShare, makeShares } from "./cpu-shares.ts";

export const MAX_PROCESSES = 3;

export interface ScalingDeployment {
  cluster: BenchCluster;
  nodeShares: CpuShare[];
  workerShares: CpuShare[];
  /** Uncapped, at the shares' weight: this process, the load generators and redis-server. */
  loadGroup: CpuShare;
  /**
   * Starts `count` workers, the i-th in the i-th worker share; each runs `concurrency` tasks at once. `warmUp`, when
   * given, runs before they join their shares.
   */
  startWorkers(count: number, concurrency: number, warmUp?: (procs: NodeProcess[]) => Promise<void>): Promise<NodeProcess[]>;
  close(): Promise<void>;
}

/**
 * Three API nodes and room for three workers over a redis-server of our own and a fresh database
 * (distributed/cluster.ts), each node and worker held to its kind's `cores` of a core. This process joins
 * the load group first, so all it starts is born there; a node or worker starts at full speed
 * and joins its share once it is ready (a worker once warmed up): start-up is not what is measured,
 * and processes starting and warming up at a tenth of a core each would take most of the time budget.
 */
export async function startDeployment(cores: { nodes: number; workers: number }): Promise<ScalingDeployment> {
  const each = (kind: "node" | "worker", share: number) =>
    Array.from({ length: MAX_PROCESSES }, (_, i) => ({ name: `${kind}-${i + 1}`, cores: share }));
  const made = await makeShares([
    ...each("node", cores.nodes),
    ...each("worker", cores.workers),
    { name: "load", cores: null },
    { name: "postgres", cores: null },
  ]);
  const byName = (prefix: string) => made.shares.filter((s) => s.name.startsWith(prefix));
  const [nodeShares, workerShares, [loadGroup], [postgresGroup]] = [byName("node-"), byName("worker-"), byName("load"), byName("postgres")];
  let cluster: BenchCluster | undefined;
  // One closing for every caller: on Ctrl-C the main flow's finally and the signal handler both close, and
  // the one that arrives second must wait for the database drop rather than let the process exit before it.
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await cluster?.close();
      await made.remove();
    })());
  try {
    await loadGroup!.join(process.pid);
    // PostgreSQL at the shares' weight too, uncapped: other work on the machine must not starve the one server the workers
    // share, or the count of workers would measure the neighbours. Its processes go back to the root cgroup at close.
    const postmaster = await postmasterPid();
    if (postmaster !== null) await postgresGroup!.join(postmaster);
    cluster = await startCluster(MAX_PROCESSES);
    for (const [i, node] of cluster.nodes.entries()) await nodeShares[i]!.join(node.proc.pid);
    const started = cluster;
    return {
      cluster: started,
      nodeShares,
      workerShares,
      loadGroup: loadGroup!,
      async startWorkers(count, concurrency, warmUp) {
        const procs = await Promise.all(Array.from({ length: count }, () => started.addWorker(concurrency)));
        try {
          await warmUp?.(procs);
          for (const [i, proc] of procs.entries()) await workerShares[i]!.join(proc.pid);
        } catch (error) {
          await Promise.all(procs.map((p) => p.stop()));
          throw error;
        }
        return procs;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
