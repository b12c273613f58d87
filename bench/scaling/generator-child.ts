/**
 * One load generator that stays up for every poll measurement (six of them start once instead of
 * six node processes per measurement, whose start-up would burden the cores the measurement
 * shares). Each stdin line is a command: a JSON `{ url, headers, connections, durationS, warmupS }`
 * warms up against the url and prints `ready`; then `go` measures and prints its figures as one
 * JSON line, so that several generators measure the same seconds.
 */
import readline from "node:readline";
import { type GeneratorOptions, measureLoad, warmUp } from "../lib/load-generator.ts";

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (let line = await lines.next(); !line.done; line = await lines.next()) {
  const options = JSON.parse(line.value) as GeneratorOptions;
  await warmUp(options);
  process.stdout.write("ready\n");
  await lines.next();
  process.stdout.write(`${JSON.stringify(await measureLoad(options))}\n`);
}
