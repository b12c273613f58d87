/**
 * Where a poll's CPU goes in the service: runs service-main.ts with V8's CPU profiler on, loads it with
 * the exact request @tasklane/client sends (autocannon, as the poll benchmark does), and prints the
 * functions with the most self time, in µs per request. The profile is left for Chrome DevTools.
 *
 *   pnpm --filter @tasklane/bench exec tsx poll/poll-profile.ts                 # completed task, 10 s
 *   TASK=running DURATION_S=5 TOP=40 pnpm --filter @tasklane/bench exec tsx poll/poll-profile.ts
 *
 * The profiler's sampling adds its own cost, so read the shares, not the absolute figures.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { cpuSeconds } from "../lib/cpu.ts";
import { prepare, startService } from "./service.ts";

const TASK = process.env.TASK === "running" ? "running" : "completed";
const DURATION_S = Number(process.env.DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 100);
const TOP = Number(process.env.TOP ?? 30);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const profileDir = await mkdtemp(path.join(os.tmpdir(), "tasklane-poll-profile-"));
const file = path.join(profileDir, "service.cpuprofile");
const service = await startService(true, { BENCH_CPU_PROFILE: file });
/** Loads the service and returns how many requests were measured; the profile is written at its stop. */
async function load(): Promise<number> {
  try {
    const { [TASK]: captured } = await prepare(service.url);
    const options = { url: captured.batched.url, headers: captured.batched.headers, connections: CONNECTIONS };
    await autocannon({ ...options, duration: 2 });
    const before = await cpuSeconds(service.pid);
    const result = await autocannon({ ...options, duration: DURATION_S });
    const cpuUs = ((await cpuSeconds(service.pid)) - before) * 1e6;
    const requests = result.requests.total;
    console.log(`${TASK} task: ${Math.round(requests / DURATION_S)} requests/s, ${(cpuUs / requests).toFixed(1)} µs CPU each (profiled)`);
    return requests;
  } finally {
    await service.stop();
    await rm(service.dataDir, { recursive: true, force: true });
  }
}
const requests = await load();

const profile = JSON.parse(await readFile(file, "utf8")) as Profile;
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? `${url.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(/^file:\/\/.*?\/packages\//, "")}:${lineNumber + 1}`
    : "";
  const key = `${functionName || "(anonymous)"} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + (selfUs.get(node.id) ?? 0));
}
// Over the whole run (start-up and preparation included), spread over the measured requests: the load dominates.
const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
console.log(`self time over the run: ${(total / 1e6).toFixed(2)} s; µs per measured request, top ${TOP}:`);
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  console.log(`${(us / requests).toFixed(2).padStart(7)}  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}
console.log(`profile: ${file}`);
