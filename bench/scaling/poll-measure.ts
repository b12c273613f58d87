import type { CapturedRequest } from "../poll/client-requests.ts";
import { startCounting } from "./counters.ts";
import type { ScalingDeployment } from "./deployment.ts";
import type { Generators, PollLoad } from "./generators.ts";
import type { PollRun } from "./result.ts";

/**
 * One measurement through the first `nodes` API nodes: generator g polls node g mod `nodes`, so
 * the same generators with the same connections run every time and each node gets an equal part
 * of them (six generators: 6, 3 + 3 or 2 + 2 + 2).
 */
export async function pollMeasure(
  deployment: ScalingDeployment,
  generators: Generators,
  polled: { request: CapturedRequest; task: PollRun["task"] },
  nodes: number,
  load: Omit<PollLoad, "headers">,
): Promise<PollRun> {
  const { cluster } = deployment;
  const origin = new URL(polled.request.url).origin;
  const urls = Array.from({ length: generators.count }, (_, g) => polled.request.url.replace(origin, cluster.nodes[g % nodes]!.url));
  const { figures, counted } = await generators.measure(urls, { ...load, headers: polled.request.headers }, () =>
    startCounting(deployment.nodeShares, cluster),
  );
  const requests = figures.reduce((sum, f) => sum + f.requests, 0);
  return {
    nodes,
    task: polled.task,
    rps: Math.round(requests / load.durationS),
    requests,
    p99Ms: Math.max(...figures.map((f) => f.p99Ms)),
    failed: figures.reduce((sum, f) => sum + f.failed, 0),
    generatorCores: +figures.reduce((sum, f) => sum + f.cores, 0).toFixed(3),
    spent: counted,
  };
}
