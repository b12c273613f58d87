import autocannon from "autocannon";

/** What a load generator child is told: where to send, how hard, and for how long. */
export interface GeneratorOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface GeneratorFigures {
  requests: number;
  p99Ms: number;
  failed: number;
  /** This process's CPU seconds per second over the measurement: it has exited before the parent could read /proc. */
  cores: number;
}

const requestOf = (options: GeneratorOptions) => ({ url: options.url, headers: options.headers, connections: options.connections });

/** Sends load for the warm-up only: the first seconds of a node (JIT, connection pools) are not what is measured. */
export async function warmUp(options: GeneratorOptions): Promise<void> {
  await autocannon({ ...requestOf(options), duration: options.warmupS });
}

/** Sends load for `durationS` and answers what it got, with this process's own CPU over those seconds. */
export async function measureLoad(options: GeneratorOptions): Promise<GeneratorFigures> {
  const [cpu0, t0] = [process.cpuUsage(), performance.now()];
  const result = await autocannon({ ...requestOf(options), duration: options.durationS });
  const cpu = process.cpuUsage(cpu0);
  return {
    requests: result.requests.total,
    p99Ms: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
    cores: +((cpu.user + cpu.system) / 1e3 / (performance.now() - t0)).toFixed(3),
  };
}
