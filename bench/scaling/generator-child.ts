/**
 * One load generator that stays up for every poll measurement (six of them start once instead of
 * six node processes per measurement, whose start-up would burden the cores the measurement
 * shares). Each stdin line is a command: a JSON `{ url, headers, connections, durationS, warmupS }`
 * warms up against the url and prints `ready`; then `go` measures and prints its figures as one
 * JSON line, so that several generators measure the same seconds.
 */
import readline from "node:readline";
import autocannon from "autocannon";
import type { GeneratorFigures } from "../distributed/autocannon-child.ts";

interface Measurement {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
}

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (let line = await lines.next(); !line.done; line = await lines.next()) {
  const options = JSON.parse(line.value) as Measurement;
  const request = { url: options.url, headers: options.headers, connections: options.connections };
  await autocannon({ ...request, duration: options.warmupS });
  process.stdout.write("ready\n");
  await lines.next();
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
}
