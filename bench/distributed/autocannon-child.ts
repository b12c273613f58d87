/**
 * One load generator in a process of its own (autocannon is one JS thread: two generators in one
 * process would share it, and the generator, not the nodes, could be what is measured).
 * Argument: JSON `{ url, headers, connections, durationS, warmupS }`. It warms up, prints `ready`,
 * waits for a line on stdin so that several generators measure the same seconds, then prints its
 * figures as one JSON line.
 */
import { once } from "node:events";
import autocannon from "autocannon";

interface GeneratorOptions {
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

const options = JSON.parse(process.argv[2] ?? "{}") as GeneratorOptions;
const request = { url: options.url, headers: options.headers, connections: options.connections };
await autocannon({ ...request, duration: options.warmupS });
process.stdout.write("ready\n");
await once(process.stdin, "data");
process.stdin.destroy();
const [cpu0, t0] = [process.cpuUsage(), performance.now()];
const result = await autocannon({ ...request, duration: options.durationS });
const cpu = process.cpuUsage(cpu0);
const figures: GeneratorFigures = {
  requests: result.requests.total,
  p99Ms: result.latency.p99,
  failed: result.errors + result.timeouts + result.non2xx,
  cores: +((cpu.user + cpu.system) / 1e3 / (performance.now() - t0)).toFixed(3),
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
