/**
 * One load generator in a process of its own (autocannon is one JS thread: two generators in one
 * process would share it, and the generator, not the nodes, could be what is measured).
 * Argument: JSON `{ url, headers, connections, durationS, warmupS }`. It warms up, prints `ready`,
 * waits for a line on stdin so that several generators measure the same seconds, then prints its
 * figures as one JSON line.
 */
import { once } from "node:events";
import { type GeneratorOptions, measureLoad, warmUp } from "../lib/load-generator.ts";

const options = JSON.parse(process.argv[2] ?? "{}") as GeneratorOptions;
await warmUp(options);
process.stdout.write("ready\n");
await once(process.stdin, "data");
process.stdin.destroy();
process.stdout.write(`${JSON.stringify(await measureLoad(options))}\n`);
