import path from "node:path";
import { cpuSeconds } from "../lib/cpu.ts";
import type { CapturedRequest } from "../poll/client-requests.ts";
import type { GeneratorFigures } from "../lib/load-generator.ts";
import type { BenchCluster } from "./cluster.ts";
import { engineCpu } from "./engine-cpu.ts";
import { machineBusy } from "./machine-busy.ts";
import { type NodeProcess, spawnNode, waitForOutput } from "./node-process.ts";
import type { PollRun } from "./result.ts";

const generatorScript = path.join(import.meta.dirname, "autocannon-child.ts");

export interface PollSettings {
  /** The request @tasklane/client sends for tasks.get, captured against node 0. */
  request: CapturedRequest;
  /** All generators together. */
  connections: number;
  durationS: number;
  warmupS: number;
}

/**
 * One measurement: a generator process per entry of `targets` (the index of the node it polls),
 * each with an equal share of the connections, all measuring the same seconds. One node is
 * measured as [0, 0] and two as [0, 1], so the generators are the same and only the nodes differ.
 */
export async function pollRun(cluster: BenchCluster, targets: number[], settings: PollSettings): Promise<PollRun> {
  const origin = new URL(settings.request.url).origin;
  const generators: NodeProcess[] = targets.map((node) =>
    spawnNode(generatorScript, {
      args: [
        JSON.stringify({
          url: settings.request.url.replace(origin, cluster.nodes[node]!.url),
          headers: settings.request.headers,
          connections: Math.round(settings.connections / targets.length),
          durationS: settings.durationS,
          warmupS: settings.warmupS,
        }),
      ],
    }),
  );
  try {
    await Promise.all(generators.map((g) => waitForOutput(g, /^ready$/m)));
    const nodes = cluster.nodes.map((n) => n.proc);
    const cpuBefore = await Promise.all(nodes.map((n) => cpuSeconds(n.pid)));
    const engines = await engineCpu(cluster.databaseName, cluster.redisPort);
    const busy = machineBusy();
    const t0 = performance.now();
    for (const g of generators) g.child.stdin!.write("go\n");
    const timeoutMs = (settings.durationS + 30) * 1000;
    const lines = await Promise.all(generators.map((g) => waitForOutput(g, /^(\{.*\})$/m, timeoutMs)));
    const machine = busy();
    const wallS = (performance.now() - t0) / 1000;
    const cpuAfter = await Promise.all(nodes.map((n) => cpuSeconds(n.pid)));
    const engineUse = await engines();
    const figures = lines.map(([, json]) => JSON.parse(json!) as GeneratorFigures);
    const perGenerator = figures.map((f) => Math.round(f.requests / settings.durationS));
    return {
      nodes: new Set(targets).size,
      rps: perGenerator.reduce((a, b) => a + b, 0),
      perGenerator,
      p99Ms: Math.max(...figures.map((f) => f.p99Ms)),
      failed: figures.reduce((sum, f) => sum + f.failed, 0),
      nodeCores: cpuAfter.map((after, i) => +((after - cpuBefore[i]!) / wallS).toFixed(2)),
      generatorCores: +figures.reduce((sum, f) => sum + f.cores, 0).toFixed(2),
      postgresCores: +(engineUse.postgres / wallS).toFixed(2),
      redisCores: +(engineUse.redis / wallS).toFixed(2),
      machineBusy: machine,
    };
  } finally {
    await Promise.all(generators.map((g) => g.stop()));
  }
}
